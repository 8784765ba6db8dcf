namespace Orders.Api.Storage.PostgreSql;

/// <summary>Every statement the PostgreSQL store sends. All parameterised.</summary>
internal static class PostgreSqlSql
{
    /// <summary>
    /// Header and lines in one statement, so one round trip and one implicit transaction: the lines
    /// are inserted only for a header this statement inserted.
    /// ON CONFLICT on the unique key waits for a concurrent inserter of the same key to end: after its
    /// commit this statement inserts nothing (count 0, a duplicate); after its rollback it inserts.
    /// Unlike catching 23505 this leaves no aborted statement and no error in the server log.
    /// </summary>
    public const string InsertOrder = $"""
        WITH header AS (
            INSERT INTO orders ({OrderColumns.InsertHeaderColumns})
            VALUES ({OrderColumns.InsertHeaderValues})
            ON CONFLICT ON CONSTRAINT uq_orders_owner_client_reference DO NOTHING
            RETURNING order_id
        ), inserted_lines AS (
            INSERT INTO order_lines (order_id, line_number, sku, quantity, unit_price, line_total)
            SELECT header.order_id, line.line_number, line.sku, line.quantity, line.unit_price, line.line_total
            FROM header
            CROSS JOIN unnest(@LineNumbers::integer[], @Skus::text[], @Quantities::integer[], @UnitPrices::bigint[], @LineTotals::bigint[])
                AS line (line_number, sku, quantity, unit_price, line_total)
            RETURNING 1
        )
        SELECT count(*) FROM header
        """;

    public const string FindOrder = $"""
        SELECT {OrderColumns.Header}
        FROM orders o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference;

        SELECT {OrderColumns.Line}
        FROM order_lines l
        JOIN orders o ON o.order_id = l.order_id
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference
        ORDER BY l.line_number;
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
        WHERE l.order_id = ANY(@OrderIds)
        ORDER BY l.order_id, l.line_number
        """;
}
