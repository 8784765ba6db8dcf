using Orders.Api.Model;

namespace Orders.Api.Tests.Mapping;

/// <summary>Orders whose every member holds a value of its own, so a value mapped to the wrong member shows.</summary>
/// <remarks>
/// <see cref="EveryMemberSet"/> is cancelled and fulfilled at once, which no store admits (a CHECK says
/// so): it is for the mappings. A store holds <see cref="EveryMemberSetCancelled"/> or <see cref="EveryMemberSetFulfilled"/>.
/// </remarks>
internal static class MappedOrders
{
    public static Order EveryMemberSet() => new(
        Guid.Parse("019ab1c2-7d3e-7a10-8b5c-3e2f1a0b9c8d"),
        "owner-1",
        "reference-1",
        Order.CancelledStatus,
        "EUR",
        new Customer("ada@example.com", "Ada Lovelace", "+49 30 1234567"),
        new ShippingAddress("Unter den Linden 1", "Hinterhaus", "Berlin", "10117", "DE"),
        [new OrderLine(1, "SKU-1", 2, 1999, 3998), new OrderLine(2, "SKU-2", 3, 500, 1500)],
        5498,
        new DateTime(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560),
        7,
        new DateTime(2026, 12, 7, 13, 0, 0, DateTimeKind.Utc).AddTicks(6_543_210),
        "Ordered the wrong size",
        new DateTime(2026, 12, 8, 9, 30, 0, DateTimeKind.Utc).AddTicks(2_468_020),
        "DHL",
        "JD014600006281");

    /// <summary>Every member a cancelled order can hold.</summary>
    public static Order EveryMemberSetCancelled() => EveryMemberSet() with { FulfilledAt = null, Carrier = null, TrackingNumber = null };

    /// <summary>Every member a fulfilled order can hold.</summary>
    public static Order EveryMemberSetFulfilled() => EveryMemberSet() with
    {
        Status = Order.FulfilledStatus,
        CancelledAt = null,
        CancellationReason = null,
    };

    /// <summary><see cref="EveryMemberSet"/> as it was placed, before its cancel: what a create writes.</summary>
    public static Order EveryMemberSetAsPlaced() => EveryMemberSet() with
    {
        Status = Order.PlacedStatus,
        CancelledAt = null,
        CancellationReason = null,
        FulfilledAt = null,
        Carrier = null,
        TrackingNumber = null,
    };

    public static Order NothingOptionalSet() => EveryMemberSet() with
    {
        Customer = new Customer("ada@example.com", null, null),
        ShippingAddress = null,
        Status = Order.PlacedStatus,
        CancelledAt = null,
        CancellationReason = null,
        FulfilledAt = null,
        Carrier = null,
        TrackingNumber = null,
    };
}
