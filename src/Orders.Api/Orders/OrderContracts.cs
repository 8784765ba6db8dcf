namespace Orders.Api.Orders;

/// <summary>
/// The body of POST /orders as the client sent it. Every member is nullable so that a missing field
/// is reported by the validator as a named error instead of failing deserialisation.
/// </summary>
public sealed record CreateOrderRequest(
    string? ClientReference,
    string? Currency,
    CustomerRequest? Customer,
    ShippingAddressRequest? ShippingAddress,
    IReadOnlyList<OrderLineRequest?>? Lines);

public sealed record CustomerRequest(string? Email, string? Name);

public sealed record ShippingAddressRequest(string? Line1, string? Line2, string? City, string? PostalCode, string? Country);

public sealed record OrderLineRequest(string? Sku, int? Quantity, long? UnitPrice);

/// <summary>An order as every 201 and 200 shows it.</summary>
public sealed record OrderResponse(
    Guid OrderId,
    string ClientReference,
    string Status,
    string Currency,
    Customer Customer,
    ShippingAddress? ShippingAddress,
    IReadOnlyList<OrderLine> Lines,
    long Total,
    DateTime CreatedAt)
{
    public static OrderResponse From(Order order) => new(
        order.OrderId, order.ClientReference, order.Status, order.Currency, order.Customer,
        order.ShippingAddress, order.Lines, order.Total, order.CreatedAt);
}

/// <summary>One page of the caller's orders, newest first; <see cref="Next"/> is null on the last page.</summary>
public sealed record OrderListResponse(IReadOnlyList<OrderResponse> Orders, string? Next);
