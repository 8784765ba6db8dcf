namespace Orders.Api.Model;

/// <summary>Turns a validated draft into the order the store will try to insert.</summary>
public sealed class OrderFactory(TimeProvider clock)
{
    public Order Create(string owner, OrderDraft draft)
    {
        var createdAt = StoredTime.Now(clock);

        var lines = draft.Lines
            .Select((line, index) => new OrderLine(
                index + 1, line.Sku, line.Quantity, line.UnitPrice, OrderTotals.LineTotal(line.Quantity, line.UnitPrice)))
            .ToList();

        return new Order(
            // UUIDv7: time-ordered, so the primary key index grows at its right edge.
            Guid.CreateVersion7(createdAt),
            owner,
            draft.ClientReference,
            Order.PlacedStatus,
            draft.Currency,
            draft.Customer,
            draft.ShippingAddress,
            lines,
            OrderTotals.Total(lines.Select(line => line.LineTotal)),
            createdAt,
            Order.FirstVersion,
            CancelledAt: null,
            CancellationReason: null,
            FulfilledAt: null,
            Carrier: null,
            TrackingNumber: null);
    }
}
