namespace Orders.Api.Model;

/// <summary>An order as stored: what the client asked for plus what the server decided.</summary>
/// <remarks>
/// Every 201, 200 and 409 is built from this. <see cref="Version"/> is 1 when placed and one more with
/// every change of the stored order (a cancel, a change); the answer's ETag is made of it and the id.
/// <see cref="CancelledAt"/> and <see cref="CancellationReason"/> are set by a cancel, null before;
/// <see cref="FulfilledAt"/>, <see cref="Carrier"/> and <see cref="TrackingNumber"/> by a fulfilment. The domain's own records:
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
    DateTime CreatedAt,
    long Version,
    DateTime? CancelledAt,
    string? CancellationReason,
    DateTime? FulfilledAt,
    string? Carrier,
    string? TrackingNumber)
{
    public const string PlacedStatus = "placed";

    /// <summary>The status after a cancel: final, nothing changes an order after it.</summary>
    public const string CancelledStatus = "cancelled";

    /// <summary>The status after the fulfilment service shipped it: final too; a customer can no longer cancel or change it.</summary>
    public const string FulfilledStatus = "fulfilled";

    /// <summary>The version of an order as placed (and of every row the version column was added to).</summary>
    public const long FirstVersion = 1;
}
