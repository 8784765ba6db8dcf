namespace Orders.Api.Storage;

/// <summary>
/// One outbox row: written in the order's own transaction, published by the relay, deleted after the
/// retention period. <paramref name="Payload"/> is the JSON body of the message, exactly as built
/// when the order was placed. <paramref name="TraceParent"/> and <paramref name="TraceState"/> are the
/// W3C trace context of the create (null outside a trace), published as the message's headers.
/// </summary>
public sealed record OrderEvent(
    Guid EventId, string Owner, Guid OrderId, string Type, string Payload, DateTime OccurredAt, string? TraceParent, string? TraceState);

/// <summary>The event types; each is also the message's routing key.</summary>
public static class OrderEventTypes
{
    public const string Placed = "order.placed";
}
