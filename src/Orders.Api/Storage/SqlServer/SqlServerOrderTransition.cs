using Dapper;
using Microsoft.Data.SqlClient;

namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// A whole cancel or change in one round trip: one batch (<see cref="SqlServerSql.CancelOrder"/>,
/// <see cref="SqlServerSql.ChangeOrder"/>, or <see cref="SqlServerEventSql.CancelOrderAndEvent"/> and
/// <see cref="SqlServerEventSql.ChangeOrderAndEvent"/> when events are on) that begins the transaction,
/// runs the conditional update and the event row, reads the order back and commits, as the create's
/// batch does (<see cref="SqlServerOrderInsert"/> says why the transaction is T-SQL). The answer is
/// read as PostgreSQL's is (<see cref="TransitionBatchAnswer"/>): same three results, same rule.
/// </summary>
internal static class SqlServerOrderTransition
{
    public static async Task<TransitionResult> RunAsync(
        SqlConnection connection, string batch, IReadOnlyList<TransitionValue> values, TransitionEvent? transitionEvent,
        Guid changeId, CancellationToken ct)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            batch, SqlServerTransitionParameters.Of(values, transitionEvent), cancellationToken: ct));
        return await TransitionBatchAnswer.ReadAsync(reader, changeId, ct);
    }
}
