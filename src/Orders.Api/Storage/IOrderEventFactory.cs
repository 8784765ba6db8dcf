using Orders.Api.Model;

namespace Orders.Api.Storage;

/// <summary>
/// The outbox rows a store writes in an order's own transaction. Made by the events room
/// (Events/OrderEventFactory, which owns the payload), so storage knows the row, never the message.
/// </summary>
public interface IOrderEventFactory
{
    /// <summary>
    /// The order.placed row of <paramref name="order"/>, or null while events are off. Called once per
    /// request, before the store's retries, so every attempt of one unit of work writes the same event id.
    /// </summary>
    OrderEvent? PlacedFor(Order order);

    /// <summary>The order.cancelled row of a cancel, or null while events are off. Called once per request, like <see cref="PlacedFor"/>.</summary>
    TransitionEvent? CancelledFor(OrderCancellation cancellation);

    /// <summary>The order.changed row of a change, or null while events are off. Called once per request.</summary>
    TransitionEvent? ChangedFor(OrderChange change);

    /// <summary>The order.fulfilled row of a fulfilment, or null while events are off. Called once per request.</summary>
    TransitionEvent? FulfilledFor(OrderFulfilment fulfilment);
}
