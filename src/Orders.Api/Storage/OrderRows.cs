using Orders.Api.Orders;

namespace Orders.Api.Storage;

/// <summary>An orders row as every store reads it back (columns aliased to these names).</summary>
internal sealed record OrderHeaderRow(
    Guid OrderId,
    string Owner,
    string ClientReference,
    string Status,
    string Currency,
    string CustomerEmail,
    string? CustomerName,
    string? ShipLine1,
    string? ShipLine2,
    string? ShipCity,
    string? ShipPostalCode,
    string? ShipCountry,
    long Total,
    DateTime CreatedAt);

/// <summary>An order_lines row.</summary>
internal sealed record OrderLineRow(Guid OrderId, int LineNumber, string Sku, int Quantity, long UnitPrice, long LineTotal);

/// <summary>Assembles domain orders from rows, so every store answers with the same shape.</summary>
internal static class OrderRows
{
    public static Order ToOrder(OrderHeaderRow header, IEnumerable<OrderLineRow> lines) => new(
        header.OrderId,
        header.Owner,
        header.ClientReference,
        header.Status,
        header.Currency,
        new Customer(header.CustomerEmail, header.CustomerName),
        // The address columns are all set or all null (a CHECK constraint says so).
        header.ShipLine1 is null
            ? null
            : new ShippingAddress(header.ShipLine1, header.ShipLine2, header.ShipCity!, header.ShipPostalCode!, header.ShipCountry!),
        lines
            .OrderBy(line => line.LineNumber)
            .Select(line => new OrderLine(line.LineNumber, line.Sku, line.Quantity, line.UnitPrice, line.LineTotal))
            .ToList(),
        header.Total,
        DateTime.SpecifyKind(header.CreatedAt, DateTimeKind.Utc));

    public static IReadOnlyList<Order> ToOrders(IEnumerable<OrderHeaderRow> headers, IEnumerable<OrderLineRow> lines)
    {
        var linesByOrder = lines.ToLookup(line => line.OrderId);
        return headers.Select(header => ToOrder(header, linesByOrder[header.OrderId])).ToList();
    }

    /// <summary>
    /// The parameters of an orders insert, named as <see cref="OrderColumns.InsertHeaderValues"/>.
    /// Id and time come in the store's own representation (SQLite keeps both as text).
    /// </summary>
    public static object HeaderParameters(Order order, object orderId, object createdAt) => new
    {
        OrderId = orderId,
        order.Owner,
        order.ClientReference,
        order.Status,
        order.Currency,
        CustomerEmail = order.Customer.Email,
        CustomerName = order.Customer.Name,
        ShipLine1 = order.ShippingAddress?.Line1,
        ShipLine2 = order.ShippingAddress?.Line2,
        ShipCity = order.ShippingAddress?.City,
        ShipPostalCode = order.ShippingAddress?.PostalCode,
        ShipCountry = order.ShippingAddress?.Country,
        order.Total,
        CreatedAt = createdAt,
    };
}
