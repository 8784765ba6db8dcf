namespace Orders.Api.Storage;

/// <summary>
/// Column lists every dialect shares: the same names in sql/sqlite, sql/postgresql and sql/sqlserver,
/// aliased to the properties of <see cref="OrderHeaderRow"/> and <see cref="OrderLineRow"/>.
/// </summary>
internal static class OrderColumns
{
    public const string Header = """
        o.order_id AS OrderId, o.owner_id AS Owner, o.client_reference AS ClientReference, o.status AS Status,
        o.currency AS Currency, o.customer_email AS CustomerEmail, o.customer_name AS CustomerName,
        o.ship_line1 AS ShipLine1, o.ship_line2 AS ShipLine2, o.ship_city AS ShipCity,
        o.ship_postal_code AS ShipPostalCode, o.ship_country AS ShipCountry, o.total AS Total, o.created_at AS CreatedAt
        """;

    public const string Line = """
        l.order_id AS OrderId, l.line_number AS LineNumber, l.sku AS Sku, l.quantity AS Quantity,
        l.unit_price AS UnitPrice, l.line_total AS LineTotal
        """;

    public const string InsertHeaderColumns = """
        order_id, owner_id, client_reference, status, currency, customer_email, customer_name,
        ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, total, created_at
        """;

    public const string InsertHeaderValues = """
        @OrderId, @Owner, @ClientReference, @Status, @Currency, @CustomerEmail, @CustomerName,
        @ShipLine1, @ShipLine2, @ShipCity, @ShipPostalCode, @ShipCountry, @Total, @CreatedAt
        """;
}
