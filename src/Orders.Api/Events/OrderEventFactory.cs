using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orders.Api.Model;
using Orders.Api.Storage;

namespace Orders.Api.Events;

/// <summary>Builds the event a create writes next to its order, or none while events are off.</summary>
public sealed class OrderEventFactory(IOptions<JsonOptions> json, EventsOptions options) : IOrderEventFactory
{
    /// <summary>
    /// The order.placed event of <paramref name="order"/>: made once per request, before the store's
    /// retries, so every attempt of one unit of work writes the same event id. The payload is
    /// <see cref="OrderEventPayload"/>, serialised with the API's own settings.
    /// The create's trace context goes with it (<see cref="EventTraceContext"/>).
    /// </summary>
    public OrderEvent? PlacedFor(Order order)
    {
        if (!options.Enabled)
        {
            return null;
        }
        var (traceParent, traceState) = EventTraceContext.Current();
        return new OrderEvent(
            Guid.CreateVersion7(order.CreatedAt),
            order.Owner,
            order.OrderId,
            OrderEventTypes.Placed,
            JsonSerializer.Serialize(OrderEventPayload.From(order), json.Value.SerializerOptions),
            order.CreatedAt,
            traceParent,
            traceState);
    }

    /// <summary>The order.cancelled row of a cancel: its id is the request's change id, so a retry writes the same one.</summary>
    public TransitionEvent? CancelledFor(OrderCancellation cancellation) =>
        Transition(cancellation.ChangeId, OrderEventTypes.Cancelled, cancellation.CancelledAt,
            JsonSerializer.Serialize(OrderCancelledPayloadRest.From(cancellation), json.Value.SerializerOptions));

    /// <summary>The order.changed row of a change, made like <see cref="CancelledFor"/>.</summary>
    public TransitionEvent? ChangedFor(OrderChange change) =>
        Transition(change.ChangeId, OrderEventTypes.Changed, change.ChangedAt,
            OrderChangedPayloadRest.From(change, json.Value.SerializerOptions).ToJsonString(json.Value.SerializerOptions));

    /// <summary>The order.fulfilled row of a fulfilment, made like <see cref="CancelledFor"/>.</summary>
    public TransitionEvent? FulfilledFor(OrderFulfilment fulfilment) =>
        Transition(fulfilment.ChangeId, OrderEventTypes.Fulfilled, fulfilment.FulfilledAt,
            JsonSerializer.Serialize(OrderFulfilledPayloadRest.From(fulfilment), json.Value.SerializerOptions));

    // The rest of the body follows the two members the store writes: its opening brace becomes their comma.
    private TransitionEvent? Transition(Guid eventId, string type, DateTime occurredAt, string restAsObject)
    {
        if (!options.Enabled)
        {
            return null;
        }
        var (traceParent, traceState) = EventTraceContext.Current();
        return new TransitionEvent(eventId, type, string.Concat(",", restAsObject.AsSpan(1)), occurredAt, traceParent, traceState);
    }
}
