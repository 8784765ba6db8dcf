using Orders.Api.Model;

namespace Orders.Api.Storage;

/// <summary>
/// The order a warm-up sends through the create's own statements, always rolled back: its owner is no
/// token's subject an API would accept from a client (it has a space), so even a failed rollback could
/// never show it to anyone.
/// </summary>
internal static class WarmUpOrder
{
    public const string Owner = "orders-api warm-up";

    public static Order New() => new(
        Guid.CreateVersion7(), Owner, $"warm-up-{Guid.NewGuid():N}", Order.PlacedStatus, "EUR",
        new Customer("warm-up@example.com", null, null), null,
        [new OrderLine(1, "WARM-UP", 1, 0, 0)], 0, DateTime.UtcNow, Order.FirstVersion, CancelledAt: null, CancellationReason: null,
        FulfilledAt: null, Carrier: null, TrackingNumber: null);
}
