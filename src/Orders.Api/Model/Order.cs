namespace Orders.Api.Model;

/// <summary>An order as stored: what the client asked for plus what the server decided.</summary>
/// <remarks>
/// Stored once and never changed; every 201, 200 and 409 is built from this. The domain's own records:
/// what a client reads is Contracts/OrderResponse, what a consumer reads Events/OrderEventPayload,
/// and each maps from here by position, so no member can be left out silently.
/// </remarks>
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
