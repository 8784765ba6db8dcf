namespace Orders.Api.Storage.PostgreSql;

/// <summary>The outbox statements on PostgreSQL (sql/postgresql/0003, 0005). All parameterised.</summary>
[SqlStatements]
internal static class PostgreSqlEventSql
{
    /// <summary>
    /// The create's event row, a statement of the create's own transaction after the header and
    /// lines, of the same shape: it selects the order of this id, so after a duplicate (the header
    /// inserted nothing) it writes nothing. ON CONFLICT is for a retry whose earlier attempt
    /// committed this very order and its event before the connection broke (same order id, same
    /// event id, made once per request): the event is there already. payload is json, kept as
    /// written (jsonb would reorder the keys).
    /// </summary>
    public const string InsertEvent = """
        INSERT INTO order_events (owner_id, event_id, order_id, event_type, payload, occurred_at, trace_parent, trace_state)
        SELECT o.owner_id, @EventId, o.order_id, @EventType, @Payload::json, @OccurredAt, @TraceParent, @TraceState
        FROM orders o
        WHERE o.owner_id = @Owner AND o.order_id = @OrderId
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// A cancel's or change's event row, in its batch after the update: it selects the order this
    /// request changed (the row's change id is the event id), so when the update applied nothing it
    /// writes nothing. The payload's first members come from the updated row (<see cref="TransitionEvent"/>):
    /// uuid as text is lower-case and hyphenated, as the API writes ids. ON CONFLICT is for a retry whose
    /// earlier attempt committed this very transition and its event (same change id, made once per
    /// request) before its connection broke: the row still names this request, the event is there.
    /// owner_id = @Owner on both tables (co-located by owner), so on Citus it runs on the owner's shard.
    /// </summary>
    public const string InsertTransitionEvent = $"""
        INSERT INTO order_events (owner_id, event_id, order_id, event_type, payload, occurred_at, trace_parent, trace_state, order_version)
        SELECT o.owner_id, @EventId, o.order_id, @EventType,
               ('{TransitionEvent.PayloadStart}' || o.order_id::text || '{TransitionEvent.PayloadMiddle}' || o.version::text || @PayloadRest)::json,
               @OccurredAt, @TraceParent, @TraceState, o.version
        FROM orders o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference AND o.last_change_id = @EventId
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// The claim, inside the round's transaction: the row locks last until it commits, and SKIP
    /// LOCKED makes a competing relay take the next pending rows instead of waiting for these.
    /// </summary>
    public const string ClaimPending = """
        SELECT e.event_id AS EventId, e.owner_id AS Owner, e.order_id AS OrderId, e.event_type AS Type,
               e.payload::text AS Payload, e.occurred_at AS OccurredAt,
               e.trace_parent AS TraceParent, e.trace_state AS TraceState
        FROM order_events e
        WHERE e.published_at IS NULL
        ORDER BY e.occurred_at, e.event_id
        LIMIT @Max
        FOR UPDATE SKIP LOCKED
        """;

    /// <summary>Every confirmed event of the round in one statement: the keys travel as two arrays.</summary>
    public const string MarkPublished = """
        UPDATE order_events e SET published_at = @PublishedAt
        FROM unnest(@Owners::text[], @EventIds::uuid[]) AS confirmed (owner_id, event_id)
        WHERE e.owner_id = confirmed.owner_id AND e.event_id = confirmed.event_id
        """;

    /// <summary>
    /// On Citus a locking read must name one shard, so there the claim goes owner by owner: first
    /// the owners whose events wait longest (a plain multi-shard read), then each owner's rows with
    /// <see cref="ClaimPendingOfOwner"/>, all in the round's one transaction.
    /// </summary>
    public const string PendingOwners = """
        SELECT e.owner_id
        FROM order_events e
        WHERE e.published_at IS NULL
        GROUP BY e.owner_id
        ORDER BY min(e.occurred_at)
        LIMIT @Max
        """;

    public const string ClaimPendingOfOwner = """
        SELECT e.event_id AS EventId, e.owner_id AS Owner, e.order_id AS OrderId, e.event_type AS Type,
               e.payload::text AS Payload, e.occurred_at AS OccurredAt,
               e.trace_parent AS TraceParent, e.trace_state AS TraceState
        FROM order_events e
        WHERE e.owner_id = @Owner AND e.published_at IS NULL
        ORDER BY e.occurred_at, e.event_id
        LIMIT @Max
        FOR UPDATE SKIP LOCKED
        """;

    public const string MarkPublishedOfOwner = """
        UPDATE order_events SET published_at = @PublishedAt
        WHERE owner_id = @Owner AND event_id = ANY(@EventIds)
        """;

    public const string IsCitus = """
        SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')
        """;

    public const string Backlog = """
        SELECT count(*) AS Pending, min(e.occurred_at) AS OldestOccurredAt
        FROM order_events e
        WHERE e.published_at IS NULL
        """;

    public const string DeletePublishedBefore = """
        DELETE FROM order_events WHERE published_at IS NOT NULL AND published_at < @Cutoff
        """;
}
