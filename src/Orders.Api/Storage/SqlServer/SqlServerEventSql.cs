namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// The outbox statements on SQL Server (sql/sqlserver/0004, 0006). Only statements are const strings here:
/// the ScriptDom tests parse each one, as they do <see cref="SqlServerSql"/>.
/// </summary>
[SqlStatements]
internal static class SqlServerEventSql
{
    /// <summary>
    /// The create's batch (<see cref="SqlServerSql.InsertOrder"/>) with the event row as the third
    /// insert of its transaction: it exists exactly when the order does, and a duplicate's 2627 rolls
    /// it back with the rest.
    /// </summary>
    public const string InsertOrderAndEvent = $"""
        {SqlServerSql.CreateParts.Begin}
        {SqlServerSql.CreateParts.InsertHeaderAndLines}

                INSERT INTO dbo.order_events (owner_id, event_id, order_id, event_type, payload, occurred_at, trace_parent, trace_state)
                VALUES (@Owner, @EventId, @OrderId, @EventType, @Payload, @OccurredAt, @TraceParent, @TraceState);
        {SqlServerSql.CreateParts.CommitOrReadTheOther}
        """;

    /// <summary>
    /// <see cref="SqlServerSql.CancelOrder"/> with the order.cancelled row written in its transaction,
    /// right after the update (<see cref="TransitionEventInsert"/>).
    /// </summary>
    public const string CancelOrderAndEvent = $"""
        {SqlServerSql.CreateParts.Begin}
        {SqlServerSql.TransitionParts.Cancel}
        {TransitionEventInsert.FromUpdatedRow}
        {SqlServerSql.TransitionParts.ReadBackAndCommit}
        """;

    /// <summary><see cref="SqlServerSql.ChangeOrder"/> with the order.changed row, as <see cref="CancelOrderAndEvent"/>.</summary>
    public const string ChangeOrderAndEvent = $"""
        {SqlServerSql.CreateParts.Begin}
        {SqlServerSql.TransitionParts.Change}
        {TransitionEventInsert.FromUpdatedRow}
        {SqlServerSql.TransitionParts.ReadBackAndCommit}
        """;

    /// <summary><see cref="SqlServerSql.FulfilOrder"/> with the order.fulfilled row, as <see cref="CancelOrderAndEvent"/>.</summary>
    public const string FulfilOrderAndEvent = $"""
        {SqlServerSql.CreateParts.Begin}
        {SqlServerSql.TransitionParts.Fulfil}
        {TransitionEventInsert.FromUpdatedRow}
        {SqlServerSql.TransitionParts.ReadBackAndCommit}
        """;

    /// <summary>
    /// A piece, not a statement of its own: a nested class, so the ScriptDom tests (which parse every
    /// constant of the outer class) do not take it for a batch.
    /// </summary>
    internal static class TransitionEventInsert
    {
        /// <summary>
        /// The event row of the order this request changed: selected by its change id (the event id), so
        /// when the update applied nothing it writes nothing. The payload's first members come from the
        /// updated row (<see cref="TransitionEvent"/>): SQL Server spells a uniqueidentifier in upper case,
        /// so LOWER gives .NET's "D" form. NOT EXISTS is for a retry whose earlier attempt committed (the
        /// row still holds its change id): its event is there already, and the primary key would refuse it.
        /// </summary>
        public const string FromUpdatedRow = $"""
                INSERT INTO dbo.order_events (owner_id, event_id, order_id, event_type, payload, occurred_at, trace_parent, trace_state, order_version)
                SELECT o.owner_id, @EventId, o.order_id, @EventType,
                       N'{TransitionEvent.PayloadStart}' + LOWER(CONVERT(nvarchar(36), o.order_id)) + N'{TransitionEvent.PayloadMiddle}'
                           + CONVERT(nvarchar(20), o.version) + @PayloadRest,
                       @OccurredAt, @TraceParent, @TraceState, o.version
                FROM dbo.orders AS o
                WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference AND o.last_change_id = @EventId
                  AND NOT EXISTS (
                      SELECT 1 FROM dbo.order_events AS e WHERE e.owner_id = @Owner AND e.event_id = @EventId);
            """;
    }

    /// <summary>
    /// The claim, inside the round's transaction: an UPDATE, so the claimed rows are exclusively
    /// locked until the round commits on any engine, whatever it does with hints. On SQL Server the
    /// hints make a competing relay skip them: READPAST passes over locked rows instead of waiting,
    /// UPDLOCK holds the chosen ones from the moment they are read, ROWLOCK stops the locks from growing
    /// to pages that would make READPAST skip unclaimed rows too. An engine that ignores the hints
    /// (Babelfish runs on PostgreSQL's row locks) makes the competing relay wait instead, and its
    /// UPDATE re-checks <c>published_at IS NULL</c> once the holder commits, so a row the holder
    /// published is never claimed again. The update writes nothing new (NULL stays NULL): the lock is
    /// the point. OUTPUT returns the rows in no order, so the relay sorts them by event_seq.
    /// </summary>
    public const string ClaimPending = """
        SET XACT_ABORT, NOCOUNT ON;

        UPDATE dbo.order_events WITH (READPAST, ROWLOCK)
        SET published_at = NULL
        OUTPUT inserted.event_seq AS Seq, inserted.event_id AS EventId, inserted.owner_id AS Owner, inserted.order_id AS OrderId,
               inserted.event_type AS Type, inserted.payload AS Payload, inserted.occurred_at AS OccurredAt,
               inserted.trace_parent AS TraceParent, inserted.trace_state AS TraceState
        WHERE published_at IS NULL
          AND event_seq IN (
              SELECT TOP (@Max) p.event_seq
              FROM dbo.order_events AS p WITH (READPAST, UPDLOCK, ROWLOCK)
              WHERE p.published_at IS NULL
              ORDER BY p.event_seq);
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
