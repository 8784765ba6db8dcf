namespace Orders.Api.Orders;

/// <summary>An order as stored: what the client asked for plus what the server decided.</summary>
/// <remarks>Stored once and never changed; every 201, 200 and 409 is built from this.</remarks>
public sealed record Order(
    Guid OrderId,
    string Owner,
    string ClientReference,
    string Status,
    string Currency,
    Customer Customer,
    ShippingAddress? ShippingAddress,
    IReadOnlyList<OrderLine> Lines,
    long Total,
    DateTime CreatedAt)
{
    public const string PlacedStatus = "placed";
}

public sealed record Customer(string Email, string? Name);

public sealed record ShippingAddress(string Line1, string? Line2, string City, string PostalCode, string Country);

/// <summary>One order line; <see cref="LineNumber"/> starts at 1 and keeps the client's order.</summary>
public sealed record OrderLine(int LineNumber, string Sku, int Quantity, long UnitPrice, long LineTotal);
