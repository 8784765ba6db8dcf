namespace Orders.Api.Storage.Sqlite;

/// <summary>The outbox statements on SQLite (sql/sqlite/0003, 0005). All parameterised.</summary>
[SqlStatements]
internal static class SqliteEventSql
{
    /// <summary>Runs in the create's transaction, only after its order header went in.</summary>
    public const string InsertEvent = """
        INSERT INTO order_events (owner_id, event_id, order_id, event_type, payload, occurred_at, trace_parent, trace_state)
        VALUES (@Owner, @EventId, @OrderId, @Type, @Payload, @OccurredAt, @TraceParent, @TraceState)
        """;

    /// <summary>
    /// A cancel's or change's event row, in its transaction after the update: it selects the order this
    /// request changed (its change id is the event id), so when the update applied nothing it writes
    /// nothing. The payload's first members come from the row (<see cref="TransitionEvent"/>); the id is
    /// stored as lower-case hyphenated text already. ON CONFLICT is for a retry of a request whose
    /// earlier attempt committed (the row still holds its change id): its event is there already.
    /// </summary>
    public const string InsertTransitionEvent = $"""
        INSERT INTO order_events (owner_id, event_id, order_id, event_type, payload, occurred_at, trace_parent, trace_state, order_version)
        SELECT o.owner_id, @EventId, o.order_id, @Type,
               '{TransitionEvent.PayloadStart}' || o.order_id || '{TransitionEvent.PayloadMiddle}' || o.version || @PayloadRest,
               @OccurredAt, @TraceParent, @TraceState, o.version
        FROM orders o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference AND o.last_change_id = @EventId
        ON CONFLICT DO NOTHING
        """;

    public const string PendingBatch = """
        SELECT event_id AS EventId, owner_id AS Owner, order_id AS OrderId, event_type AS Type,
               payload AS Payload, occurred_at AS OccurredAt, trace_parent AS TraceParent, trace_state AS TraceState
        FROM order_events
        WHERE published_at IS NULL
        ORDER BY occurred_at, event_id
        LIMIT @Max
        """;

    public const string MarkPublished = """
        UPDATE order_events SET published_at = @PublishedAt
        WHERE owner_id = @Owner AND event_id = @EventId
        """;

    public const string Backlog = """
        SELECT count(*) AS Pending, min(occurred_at) AS OldestOccurredAt
        FROM order_events
        WHERE published_at IS NULL
        """;

    public const string DeletePublishedBefore = """
        DELETE FROM order_events WHERE published_at IS NOT NULL AND published_at < @Cutoff
        """;
}
