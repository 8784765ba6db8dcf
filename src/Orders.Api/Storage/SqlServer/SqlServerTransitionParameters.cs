using System.Data;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// The parameters of a cancel or change batch (<see cref="SqlServerOrderTransition"/>), each a
/// SqlParameter with its SqlDbType set from the value's kind (<see cref="TransitionValueKind"/>), never
/// inferred from the value: an absent If-Match is a null @IfOrderId and @IfVersion that must still be
/// uniqueidentifier and bigint, so the batch with and without If-Match is one cached plan, and a
/// DateTime must go as datetime2, not datetime (3.33 ms steps).
/// </summary>
/// <remarks>
/// Made afresh for each command (Dapper calls <see cref="AddParameters"/> per execution): a SqlParameter
/// belongs to one command, and a retried attempt sends a new one.
/// </remarks>
internal sealed class SqlServerTransitionParameters(IReadOnlyList<SqlServerTransitionParameters.Value> values) : SqlMapper.IDynamicParameters
{
    /// <summary>One parameter as it is sent: name, type, size (0: the type's own, -1: max) and value.</summary>
    internal sealed record Value(string Name, SqlDbType Type, int Size, object? Content);

    // Dapper's own size for a string (DbString.DefaultLength): one size for every length up to it, so
    // the plan is shared; free text is far shorter (the API's limits, the columns' nvarchar(2N)).
    private const int TextSize = 4000;

    public IReadOnlyList<Value> Values => values;

    public static SqlServerTransitionParameters Of(IReadOnlyList<TransitionValue> transition, TransitionEvent? transitionEvent)
    {
        var sent = transition.Select(Typed).ToList();
        if (transitionEvent is not null)
        {
            // Typed as the columns of dbo.order_events are (SqlServerEventOutbox.WithEvent does the same for order.placed).
            sent.Add(new("EventId", SqlDbType.UniqueIdentifier, 0, transitionEvent.EventId));
            sent.Add(new("EventType", SqlDbType.VarChar, 50, transitionEvent.Type));
            sent.Add(new("PayloadRest", SqlDbType.NVarChar, -1, transitionEvent.PayloadRest));
            sent.Add(new("OccurredAt", SqlDbType.DateTime2, 0, transitionEvent.OccurredAt));
            sent.Add(new("TraceParent", SqlDbType.VarChar, OrderEvent.TraceParentLength, transitionEvent.TraceParent));
            sent.Add(new("TraceState", SqlDbType.VarChar, OrderEvent.MaxTraceStateLength, transitionEvent.TraceState));
        }
        return new(sent);
    }

    public void AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        foreach (var value in values)
        {
            var parameter = new SqlParameter(value.Name, value.Type) { Value = value.Content ?? DBNull.Value };
            if (value.Size != 0)
            {
                parameter.Size = value.Size;
            }
            command.Parameters.Add(parameter);
        }
    }

    private static Value Typed(TransitionValue value) => value.Kind switch
    {
        // The reference as the varchar(100) key is declared (SqlServerParameters.FitsClientReference
        // has vouched for it), so SQL Server seeks the key instead of converting the column.
        TransitionValueKind.Text when value.Name == "ClientReference" =>
            new(value.Name, SqlDbType.VarChar, SqlServerParameters.ClientReferenceLength, value.Value),
        TransitionValueKind.Text => new(value.Name, SqlDbType.NVarChar, value.Value is string { Length: > TextSize } ? -1 : TextSize, value.Value),
        TransitionValueKind.Id => new(value.Name, SqlDbType.UniqueIdentifier, 0, value.Value),
        TransitionValueKind.Time => new(value.Name, SqlDbType.DateTime2, 0, value.Value),
        TransitionValueKind.Number => new(value.Name, SqlDbType.BigInt, 0, value.Value),
        TransitionValueKind.Flag => new(value.Name, SqlDbType.Int, 0, value.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "A transition value of an unknown kind."),
    };
}
