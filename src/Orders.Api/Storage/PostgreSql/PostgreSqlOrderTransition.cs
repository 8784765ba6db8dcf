using Npgsql;
using NpgsqlTypes;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>
/// A whole cancel or change in one round trip: one batch of BEGIN, the conditional update
/// (<see cref="PostgreSqlSql.CancelOrder"/> or <see cref="PostgreSqlSql.ChangeOrder"/>), the event row
/// when events are on (<see cref="PostgreSqlEventSql.InsertTransitionEvent"/>), the read-back
/// (<see cref="PostgreSqlSql.FindChangeId"/>, <see cref="PostgreSqlSql.FindOrderHeader"/>,
/// <see cref="PostgreSqlSql.FindOrderLines"/>) and COMMIT, as the create is (<see cref="PostgreSqlOrderInsert"/>,
/// which says why BEGIN and COMMIT are statements of the batch).
/// </summary>
/// <remarks>
/// The row lock is the lock: a concurrent cancel or change of the same order waits in its UPDATE for
/// this transaction to end, then finds the row no longer matching and updates nothing; its read-back,
/// a new READ COMMITTED snapshot, sees this transaction's order. Every statement names the owner
/// (owner_id = @Owner), so on Citus the whole transaction runs on the owner's worker and commits there,
/// without two-phase commit.
/// </remarks>
internal static class PostgreSqlOrderTransition
{
    public static async Task<TransitionResult> RunAsync(
        NpgsqlConnection connection, string update, IReadOnlyList<TransitionValue> values,
        string owner, string clientReference, Guid changeId, TransitionEvent? transitionEvent, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        // READ COMMITTED whatever the database's default: at REPEATABLE READ a cancel that waited for a
        // concurrent one would fail with 40001 instead of re-checking the row and updating nothing.
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgreSqlSql.BeginReadCommitted));
        PostgreSqlOrderInsert.Command(batch, update, [.. values.Select(Parameter)]);
        if (transitionEvent is not null)
        {
            PostgreSqlOrderInsert.Command(batch, PostgreSqlEventSql.InsertTransitionEvent, EventParameters(transitionEvent, owner, clientReference));
        }
        PostgreSqlOrderInsert.Command(batch, PostgreSqlSql.FindChangeId, OrderParameters(owner, clientReference));
        PostgreSqlOrderInsert.Command(batch, PostgreSqlSql.FindOrderHeader, OrderParameters(owner, clientReference));
        PostgreSqlOrderInsert.Command(batch, PostgreSqlSql.FindOrderLines, OrderParameters(owner, clientReference));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgreSqlSql.Commit));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await TransitionBatchAnswer.ReadAsync(reader, changeId, ct);
    }

    /// <summary>
    /// Typed from the value's kind, never inferred from the value: an absent If-Match is a null
    /// @IfOrderId and @IfVersion, which must still be uuid and bigint, so that the statement with and
    /// without If-Match is the same prepared statement (and PostgreSQL can type @IfOrderId IS NULL at all).
    /// </summary>
    private static NpgsqlParameter Parameter(TransitionValue value) => new(value.Name, value.Kind switch
    {
        TransitionValueKind.Text => NpgsqlDbType.Text,
        TransitionValueKind.Id => NpgsqlDbType.Uuid,
        TransitionValueKind.Time => NpgsqlDbType.TimestampTz,
        TransitionValueKind.Number => NpgsqlDbType.Bigint,
        TransitionValueKind.Flag => NpgsqlDbType.Integer,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "A transition value of an unknown kind."),
    })
    {
        Value = value.Value ?? DBNull.Value,
    };

    private static NpgsqlParameter[] EventParameters(TransitionEvent transitionEvent, string owner, string clientReference) =>
    [
        .. OrderParameters(owner, clientReference),
        new NpgsqlParameter<Guid>("EventId", transitionEvent.EventId),
        PostgreSqlOrderInsert.Text("EventType", transitionEvent.Type),
        PostgreSqlOrderInsert.Text("PayloadRest", transitionEvent.PayloadRest),
        new NpgsqlParameter<DateTime>("OccurredAt", NpgsqlDbType.TimestampTz) { TypedValue = transitionEvent.OccurredAt },
        PostgreSqlOrderInsert.Text("TraceParent", transitionEvent.TraceParent),
        PostgreSqlOrderInsert.Text("TraceState", transitionEvent.TraceState),
    ];

    // A parameter belongs to one statement, so each read gets its own.
    private static NpgsqlParameter[] OrderParameters(string owner, string clientReference) =>
    [
        PostgreSqlOrderInsert.Text("Owner", owner),
        PostgreSqlOrderInsert.Text("ClientReference", clientReference),
    ];
}
