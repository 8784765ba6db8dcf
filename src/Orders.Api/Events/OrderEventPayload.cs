using Orders.Api.Model;

namespace Orders.Api.Events;

/// <summary>
/// The body of an order event, as asyncapi.yaml describes it (schema OrderPlaced): the order as it
/// stands after the event. Its own records, apart from the domain (Model/) and the HTTP answer
/// (Contracts/OrderResponse), so a change to what a client reads is never silently a change to what a
/// consumer reads; today the two are the same JSON, held so by AsyncApiDocumentTests.
/// </summary>
/// <remarks>Each mapping passes every member by position: a member added without its mapping fails the build.</remarks>
public sealed record OrderEventPayload(
    Guid OrderId,
    string ClientReference,
    string Status,
    string Currency,
    CustomerPayload Customer,
    ShippingAddressPayload? ShippingAddress,
    IReadOnlyList<OrderLinePayload> Lines,
    long Total,
    DateTime CreatedAt,
    DateTime? CancelledAt,
    string? CancellationReason,
    DateTime? FulfilledAt,
    string? Carrier,
    string? TrackingNumber)
{
    public static OrderEventPayload From(Order order) => new(
        order.OrderId,
        order.ClientReference,
        order.Status,
        order.Currency,
        CustomerPayload.From(order.Customer),
        order.ShippingAddress is { } address ? ShippingAddressPayload.From(address) : null,
        [.. order.Lines.Select(OrderLinePayload.From)],
        order.Total,
        order.CreatedAt,
        order.CancelledAt,
        order.CancellationReason,
        order.FulfilledAt,
        order.Carrier,
        order.TrackingNumber);
}

/// <summary>The customer in an event (schema Customer of asyncapi.yaml).</summary>
public sealed record CustomerPayload(string Email, string? Name, string? Phone)
{
    public static CustomerPayload From(Customer customer) => new(customer.Email, customer.Name, customer.Phone);
}

/// <summary>The shipping address in an event (schema ShippingAddress of asyncapi.yaml).</summary>
public sealed record ShippingAddressPayload(string Line1, string? Line2, string City, string PostalCode, string Country)
{
    public static ShippingAddressPayload From(ShippingAddress address) =>
        new(address.Line1, address.Line2, address.City, address.PostalCode, address.Country);
}

/// <summary>One line in an event (schema OrderLine of asyncapi.yaml).</summary>
public sealed record OrderLinePayload(int LineNumber, string Sku, int Quantity, long UnitPrice, long LineTotal)
{
    public static OrderLinePayload From(OrderLine line) => new(line.LineNumber, line.Sku, line.Quantity, line.UnitPrice, line.LineTotal);
}
