namespace Orders.Api.Storage.Sqlite;

/// <summary>
/// Every statement the SQLite store sends. All parameterised, and every one names the owner, as the
/// other stores' do (the keys lead with owner_id in every dialect).
/// </summary>
[SqlStatements]
internal static class SqliteSql
{
    // The conflict target names the unique key, so any other constraint failure still raises.
    public const string InsertHeader = $"""
        INSERT INTO orders ({OrderColumns.InsertHeaderColumns})
        VALUES ({OrderColumns.InsertHeaderValues})
        ON CONFLICT (owner_id, client_reference) DO NOTHING
        """;

    public const string InsertLine = """
        INSERT INTO order_lines (owner_id, order_id, line_number, sku, quantity, unit_price, line_total)
        VALUES (@Owner, @OrderId, @LineNumber, @Sku, @Quantity, @UnitPrice, @LineTotal)
        """;

    public const string FindOrder = $"""
        SELECT {OrderColumns.Header}
        FROM orders o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference;

        SELECT {OrderColumns.Line}
        FROM order_lines l
        JOIN orders o ON o.owner_id = l.owner_id AND o.order_id = l.order_id
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference
        ORDER BY l.line_number;
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
        WHERE l.owner_id = @Owner AND l.order_id IN @OrderIds
        ORDER BY l.order_id, l.line_number
        """;

    /// <summary>A cancel: the conditional update (<see cref="TransitionColumns"/>); no row when it does not apply.</summary>
    public const string CancelOrder = $"""
        UPDATE orders SET {TransitionColumns.CancelSet}
        WHERE {TransitionColumns.PlacedOrderMatching}
        """;

    /// <summary>A change by merge patch: the conditional update (<see cref="TransitionColumns"/>).</summary>
    public const string ChangeOrder = $"""
        UPDATE orders SET {TransitionColumns.ChangeSet}
        WHERE {TransitionColumns.PlacedOrderMatching} AND {TransitionColumns.ChangeApplies}
        """;

    /// <summary>A fulfilment: the conditional update (<see cref="TransitionColumns"/>).</summary>
    public const string FulfilOrder = $"""
        UPDATE orders SET {TransitionColumns.FulfilSet}
        WHERE {TransitionColumns.PlacedOrderMatching}
        """;

    /// <summary>A transition's read-back: which request last changed the order (<see cref="OrderColumns.ChangeId"/>).</summary>
    public const string FindChangeId = $"""
        SELECT {OrderColumns.ChangeId}
        FROM orders o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference
        """;
}
