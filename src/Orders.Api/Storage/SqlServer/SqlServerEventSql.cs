namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// The outbox statements on SQL Server (sql/sqlserver/0004, 0006). Only statements are const strings here:
/// the ScriptDom tests parse each one, as they do <see cref="SqlServerSql"/>.
/// </summary>
internal static class SqlServerEventSql
{
    /// <summary>The create's batch with the event row as its third statement, same transaction.</summary>
    public const string InsertOrderAndEvent = SqlServerSql.InsertOrder + """


        INSERT INTO dbo.order_events (owner_id, event_id, order_id, event_type, payload, occurred_at, trace_parent, trace_state)
        VALUES (@Owner, @EventId, @OrderId, @EventType, @Payload, @OccurredAt, @TraceParent, @TraceState);
        """;

    /// <summary>
    /// The claim, inside the round's transaction: UPDLOCK keeps the rows until it commits, READPAST
    /// makes a competing relay skip rows another one holds instead of waiting for them, ROWLOCK stops
    /// the locks from growing to pages that would make READPAST skip unclaimed rows too.
    /// </summary>
    public const string ClaimPending = """
        SET XACT_ABORT, NOCOUNT ON;

        SELECT TOP (@Max) e.event_id AS EventId, e.owner_id AS Owner, e.order_id AS OrderId, e.event_type AS Type,
               e.payload AS Payload, e.occurred_at AS OccurredAt, e.trace_parent AS TraceParent, e.trace_state AS TraceState
        FROM dbo.order_events AS e WITH (READPAST, UPDLOCK, ROWLOCK)
        WHERE e.published_at IS NULL
        ORDER BY e.event_seq;
        """;

    public const string MarkPublished = """
        UPDATE dbo.order_events SET published_at = @PublishedAt
        WHERE owner_id = @Owner AND event_id = @EventId;
        """;

    public const string Backlog = """
        SELECT COUNT_BIG(*) AS Pending, MIN(e.occurred_at) AS OldestOccurredAt
        FROM dbo.order_events AS e
        WHERE e.published_at IS NULL;
        """;

    /// <summary>In bounded batches, so a large sweep never holds many locks at once.</summary>
    public const string DeletePublishedBefore = """
        DELETE TOP (@Max) FROM dbo.order_events
        WHERE published_at IS NOT NULL AND published_at < @Cutoff;
        """;
}
