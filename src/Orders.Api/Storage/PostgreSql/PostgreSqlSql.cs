namespace Orders.Api.Storage.PostgreSql;

/// <summary>
/// Every statement the PostgreSQL store sends. All parameterised, and every one names the owner
/// (filters on owner_id, joins on (owner_id, order_id)), so on Citus each goes to one shard.
/// </summary>
[SqlStatements]
internal static class PostgreSqlSql
{
    /// <summary>
    /// The create's first statement: the create is one batch and one round trip, BEGIN to COMMIT
    /// (<see cref="PostgreSqlOrderInsert"/>). Several statements rather than one CTE: each names the
    /// owner, so on Citus each is routed to the owner's shard and the transaction commits on one worker
    /// (a data-modifying CTE is planned in pieces there and commits with two-phase commit on every
    /// worker).
    /// </summary>
    public const string BeginReadCommitted = "BEGIN ISOLATION LEVEL READ COMMITTED";

    /// <summary>The create's last statement, in the same batch: see <see cref="BeginReadCommitted"/>.</summary>
    public const string Commit = "COMMIT";

    /// <summary>
    /// ON CONFLICT on the unique key waits for a concurrent inserter of the same key to end: after its
    /// commit this statement inserts nothing (a duplicate); after its rollback it inserts.
    /// Unlike catching 23505 this leaves no aborted statement and no error in the server log.
    /// </summary>
    public const string InsertOrderHeader = $"""
        INSERT INTO orders ({OrderColumns.InsertHeaderColumns})
        VALUES ({OrderColumns.InsertHeaderValues})
        ON CONFLICT ON CONSTRAINT uq_orders_owner_client_reference DO NOTHING
        """;

    /// <summary>
    /// The lines, for the order of this id only if it is stored: after a duplicate the header above
    /// inserted nothing, so there is no such order and no line is written. The NOT EXISTS is for a
    /// retry whose earlier attempt committed this very order (same id) before its connection broke:
    /// its lines are there already (<see cref="CreateOrderResult.ForConflict"/>). A new statement at
    /// READ COMMITTED, so it sees whatever the header statement waited for.
    /// </summary>
    public const string InsertOrderLines = """
        INSERT INTO order_lines (owner_id, order_id, line_number, sku, quantity, unit_price, line_total)
        SELECT o.owner_id, o.order_id, line.line_number, line.sku, line.quantity, line.unit_price, line.line_total
        FROM orders o
        CROSS JOIN unnest(@LineNumbers::integer[], @Skus::text[], @Quantities::integer[], @UnitPrices::bigint[], @LineTotals::bigint[])
            AS line (line_number, sku, quantity, unit_price, line_total)
        WHERE o.owner_id = @Owner AND o.order_id = @OrderId
          AND NOT EXISTS (SELECT 1 FROM order_lines x WHERE x.owner_id = o.owner_id AND x.order_id = o.order_id)
        """;

    /// <summary>
    /// The create's read, in the create's batch after the inserts: the order that holds the reference if it
    /// is not the one being created, so no rows when the create inserted it (or an earlier attempt of
    /// the same unit of work did, same id). A new statement at READ COMMITTED, so after the header
    /// insert waited for a concurrent inserter of the reference, it sees that order committed.
    /// </summary>
    public const string FindOtherOrderHeader = $"""
        SELECT {OrderColumns.Header}
        FROM orders o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference AND o.order_id <> @OrderId
        """;

    /// <summary>The lines of <see cref="FindOtherOrderHeader"/>'s order, in the same batch.</summary>
    public const string FindOtherOrderLines = $"""
        SELECT {OrderColumns.Line}
        FROM order_lines l
        JOIN orders o ON o.owner_id = l.owner_id AND o.order_id = l.order_id
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference AND o.order_id <> @OrderId
        ORDER BY l.line_number
        """;

    /// <summary>A lookup: the order's header and lines, two statements in one command.</summary>
    public const string FindOrder = $"""
        {FindOrderHeader};

        {FindOrderLines};
        """;

    /// <summary>
    /// The header of the order the reference names. On its own too: a statement of a batch
    /// (<see cref="PostgreSqlOrderTransition"/>) is one statement.
    /// </summary>
    public const string FindOrderHeader = $"""
        SELECT {OrderColumns.Header}
        FROM orders o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference
        """;

    /// <summary>The lines of <see cref="FindOrderHeader"/>'s order.</summary>
    public const string FindOrderLines = $"""
        SELECT {OrderColumns.Line}
        FROM order_lines l
        JOIN orders o ON o.owner_id = l.owner_id AND o.order_id = l.order_id
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference
        ORDER BY l.line_number
        """;

    /// <summary>
    /// A cancel: the conditional update (<see cref="TransitionColumns"/>), the second statement of the
    /// transition's batch (<see cref="PostgreSqlOrderTransition"/>). At READ COMMITTED an UPDATE that meets
    /// a row another transaction has updated waits for that transaction; after its commit PostgreSQL
    /// evaluates the WHERE again on the row's new version (status no longer 'placed', or another version)
    /// and updates nothing. So of N concurrent cancels exactly one applies, and each other one is answered
    /// only after that one committed. owner_id = @Owner routes it to the owner's shard on Citus.
    /// </summary>
    public const string CancelOrder = $"""
        UPDATE orders SET {TransitionColumns.CancelSet}
        WHERE {TransitionColumns.PlacedOrderMatching}
        """;

    /// <summary>A change by merge patch: the conditional update, under the same row lock as <see cref="CancelOrder"/>.</summary>
    public const string ChangeOrder = $"""
        UPDATE orders SET {TransitionColumns.ChangeSet}
        WHERE {TransitionColumns.PlacedOrderMatching} AND {TransitionColumns.ChangeApplies}
        """;

    /// <summary>A fulfilment: the conditional update, under the same row lock as <see cref="CancelOrder"/>, so a cancel and a fulfilment racing for one order have exactly one winner.</summary>
    public const string FulfilOrder = $"""
        UPDATE orders SET {TransitionColumns.FulfilSet}
        WHERE {TransitionColumns.PlacedOrderMatching}
        """;

    /// <summary>
    /// A transition's read-back, after the update: which request last changed the order
    /// (<see cref="OrderColumns.ChangeId"/>). A new statement at READ COMMITTED, so it sees this
    /// transaction's update or the concurrent one that the update waited for.
    /// </summary>
    public const string FindChangeId = $"""
        SELECT {OrderColumns.ChangeId}
        FROM orders o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference
        """;

    /// <summary>A conditional GET's read: one row by the unique key, two columns, no lines.</summary>
    public const string FindOrderVersion = $"""
        SELECT {OrderColumns.Version}
        FROM orders o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference
        """;

    public const string ListFirstPage = $"""
        SELECT {OrderColumns.Header}
        FROM orders o
        WHERE o.owner_id = @Owner
        ORDER BY o.created_at DESC, o.order_id DESC
        LIMIT @Limit
        """;

    // A row comparison, so the (owner_id, created_at, order_id) index serves it as one range.
    public const string ListAfter = $"""
        SELECT {OrderColumns.Header}
        FROM orders o
        WHERE o.owner_id = @Owner AND (o.created_at, o.order_id) < (@AfterCreatedAt, @AfterOrderId)
        ORDER BY o.created_at DESC, o.order_id DESC
        LIMIT @Limit
        """;

    public const string LinesOfOrders = $"""
        SELECT {OrderColumns.Line}
        FROM order_lines l
        WHERE l.owner_id = @Owner AND l.order_id = ANY(@OrderIds)
        ORDER BY l.order_id, l.line_number
        """;
}
