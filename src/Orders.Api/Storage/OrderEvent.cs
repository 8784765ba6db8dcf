namespace Orders.Api.Storage;

/// <summary>
/// One outbox row: written in the order's own transaction, published by the relay, deleted after the
/// retention period. <paramref name="Payload"/> is the JSON body of the message, exactly as built
/// when the order was placed. <paramref name="TraceParent"/> and <paramref name="TraceState"/> are the
/// W3C trace context of the create (null outside a trace), published as the message's headers.
/// </summary>
public sealed record OrderEvent(
    Guid EventId, string Owner, Guid OrderId, string Type, string Payload, DateTime OccurredAt, string? TraceParent, string? TraceState)
{
    /// <summary>A W3C traceparent's length (version 00), the width of its column.</summary>
    public const int TraceParentLength = 55;

    /// <summary>The W3C limit on tracestate, the width of its column; a longer one is dropped, as the spec allows.</summary>
    public const int MaxTraceStateLength = 512;
}

/// <summary>The event types; each is also the message's routing key.</summary>
public static class OrderEventTypes
{
    public const string Placed = "order.placed";

    public const string Cancelled = "order.cancelled";

    public const string Changed = "order.changed";

    public const string Fulfilled = "order.fulfilled";
}
