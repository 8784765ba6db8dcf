using Orders.Api.Model;

namespace Orders.Api.Storage;

/// <summary>
/// The stored order's columns, declared once for every dialect (the same names in sql/sqlite,
/// sql/postgresql and sql/sqlserver). Each list is in the order of <see cref="OrderHeaderRow{TId, TTime, TMaybeTime}"/>'s
/// constructor, which is how Dapper maps a row to a record; OrderColumnsTests fails when a list, the
/// record or <see cref="HeaderValues"/> disagree.
/// </summary>
/// <remarks>
/// Const strings, not lists built at start-up: the statements that use them are consts too, and the
/// SQL Server tests find and parse every statement as a const (SqlServerStatements).
/// </remarks>
internal static class OrderColumns
{
    public const string Header = """
        o.order_id AS OrderId, o.owner_id AS Owner, o.client_reference AS ClientReference, o.status AS Status,
        o.currency AS Currency, o.customer_email AS CustomerEmail, o.customer_name AS CustomerName, o.customer_phone AS CustomerPhone,
        o.ship_line1 AS ShipLine1, o.ship_line2 AS ShipLine2, o.ship_city AS ShipCity,
        o.ship_postal_code AS ShipPostalCode, o.ship_country AS ShipCountry, o.total AS Total, o.version AS Version,
        o.created_at AS CreatedAt, o.cancelled_at AS CancelledAt, o.cancellation_reason AS CancellationReason,
        o.fulfilled_at AS FulfilledAt, o.carrier AS Carrier, o.tracking_number AS TrackingNumber
        """;

    public const string Line = """
        l.order_id AS OrderId, l.line_number AS LineNumber, l.sku AS Sku, l.quantity AS Quantity,
        l.unit_price AS UnitPrice, l.line_total AS LineTotal
        """;

    public const string InsertHeaderColumns = """
        order_id, owner_id, client_reference, status, currency, customer_email, customer_name, customer_phone,
        ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, total, version, created_at
        """;

    public const string InsertHeaderValues = """
        @OrderId, @Owner, @ClientReference, @Status, @Currency, @CustomerEmail, @CustomerName, @CustomerPhone,
        @ShipLine1, @ShipLine2, @ShipCity, @ShipPostalCode, @ShipCountry, @Total, @Version, @CreatedAt
        """;

    /// <summary>
    /// The value of each parameter of <see cref="InsertHeaderValues"/>, with its type, so that every
    /// store binds the same values from one list (PostgreSQL types each one explicitly). Id and time
    /// are bound by each store in its own representation.
    /// </summary>
    public static readonly IReadOnlyList<HeaderValue> HeaderValues =
    [
        HeaderValue.Text("Owner", order => order.Owner),
        HeaderValue.Text("ClientReference", order => order.ClientReference),
        HeaderValue.Text("Status", order => order.Status),
        HeaderValue.Text("Currency", order => order.Currency),
        HeaderValue.Text("CustomerEmail", order => order.Customer.Email),
        HeaderValue.Text("CustomerName", order => order.Customer.Name),
        HeaderValue.Text("CustomerPhone", order => order.Customer.Phone),
        HeaderValue.Text("ShipLine1", order => order.ShippingAddress?.Line1),
        HeaderValue.Text("ShipLine2", order => order.ShippingAddress?.Line2),
        HeaderValue.Text("ShipCity", order => order.ShippingAddress?.City),
        HeaderValue.Text("ShipPostalCode", order => order.ShippingAddress?.PostalCode),
        HeaderValue.Text("ShipCountry", order => order.ShippingAddress?.Country),
        HeaderValue.Number("Total", order => order.Total),
        // Written, not left to the column's default: the domain decides what a new order's version is.
        HeaderValue.Number("Version", order => order.Version),
    ];

    /// <summary>
    /// What a conditional GET reads (the version by the unique key, nothing else): the columns of
    /// <see cref="OrderVersionRow{TId}"/>, in its order.
    /// </summary>
    public const string Version = "o.order_id AS OrderId, o.version AS Version";

    /// <summary>
    /// Which request last changed the order (<see cref="OrderCancellation.ChangeId"/>): read back by a
    /// transition's batch, never shown. Null until the first cancel or change.
    /// </summary>
    public const string ChangeId = "o.last_change_id AS ChangeId";

    public const string OrderIdParameter = "OrderId";

    public const string CreatedAtParameter = "CreatedAt";
}

/// <summary>One parameter of an orders insert: its name, and its value as text or as a 64-bit number (an amount, the version).</summary>
internal sealed record HeaderValue(string Name, Func<Order, string?>? TextOf, Func<Order, long>? NumberOf)
{
    public static HeaderValue Text(string name, Func<Order, string?> value) => new(name, value, null);

    public static HeaderValue Number(string name, Func<Order, long> value) => new(name, null, value);

    public object? ValueOf(Order order) => TextOf is not null ? TextOf(order) : NumberOf!(order);
}
