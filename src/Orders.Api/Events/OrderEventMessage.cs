using System.Globalization;
using System.Text;
using RabbitMQ.Client;

namespace Orders.Api.Events;

/// <summary>
/// The message contract, as asyncapi.yaml describes it: durable topic exchange <c>orders</c>, the
/// event type as routing key, a persistent JSON message whose message-id is the event id (what a
/// consumer deduplicates by), the type, time and owner as headers.
/// </summary>
public static class OrderEventMessage
{
    public const string Exchange = "orders";

    public const string ContentType = "application/json";

    public const string TypeHeader = "type";

    public const string TimeHeader = "time";

    public const string OwnerHeader = "owner";

    public static BasicProperties Properties(OrderEvent orderEvent) => new()
    {
        MessageId = orderEvent.EventId.ToString("D", CultureInfo.InvariantCulture),
        ContentType = ContentType,
        DeliveryMode = DeliveryModes.Persistent,
        Type = orderEvent.Type,
        Timestamp = new AmqpTimestamp(new DateTimeOffset(orderEvent.OccurredAt).ToUnixTimeSeconds()),
        Headers = new Dictionary<string, object?>
        {
            [TypeHeader] = orderEvent.Type,
            [TimeHeader] = Time(orderEvent.OccurredAt),
            [OwnerHeader] = orderEvent.Owner,
        },
    };

    public static ReadOnlyMemory<byte> Body(OrderEvent orderEvent) => Encoding.UTF8.GetBytes(orderEvent.Payload);

    /// <summary>RFC 3339 UTC with microseconds, as the payload's createdAt.</summary>
    public static string Time(DateTime utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
