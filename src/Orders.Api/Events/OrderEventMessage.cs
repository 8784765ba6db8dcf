using System.Globalization;
using System.Text;
using Orders.Api.Storage;
using RabbitMQ.Client;

namespace Orders.Api.Events;

/// <summary>
/// The message contract, as asyncapi.yaml describes it: durable topic exchange <c>orders</c>, the
/// event type as routing key, a persistent JSON message whose message-id is the event id (what a
/// consumer deduplicates by), the type, time and owner as headers, and the W3C trace context.
/// </summary>
public static class OrderEventMessage
{
    public const string Exchange = "orders";

    public const string ContentType = "application/json";

    public const string TypeHeader = "type";

    public const string TimeHeader = "time";

    public const string OwnerHeader = "owner";

    /// <summary>W3C trace context (https://www.w3.org/TR/trace-context/), as an HTTP request would carry it.</summary>
    public const string TraceParentHeader = "traceparent";

    public const string TraceStateHeader = "tracestate";

    /// <summary>The message's properties; the trace headers only when the event has a trace context.</summary>
    public static BasicProperties Properties(OrderEvent orderEvent)
    {
        var headers = new Dictionary<string, object?>
        {
            [TypeHeader] = orderEvent.Type,
            [TimeHeader] = Time(orderEvent.OccurredAt),
            [OwnerHeader] = orderEvent.Owner,
        };
        if (orderEvent.TraceParent is { } traceParent)
        {
            headers[TraceParentHeader] = traceParent;
            if (orderEvent.TraceState is { } traceState)
            {
                headers[TraceStateHeader] = traceState;
            }
        }
        return new BasicProperties
        {
            MessageId = orderEvent.EventId.ToString("D", CultureInfo.InvariantCulture),
            ContentType = ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Type = orderEvent.Type,
            Timestamp = new AmqpTimestamp(new DateTimeOffset(orderEvent.OccurredAt).ToUnixTimeSeconds()),
            Headers = headers,
        };
    }

    public static ReadOnlyMemory<byte> Body(OrderEvent orderEvent) => Encoding.UTF8.GetBytes(orderEvent.Payload);

    /// <summary>RFC 3339 UTC with microseconds, as the payload's createdAt.</summary>
    public static string Time(DateTime utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
