using System.Text;
using RabbitMQ.Client;

namespace Orders.Api.Tests.Events;

/// <summary>One delivery as a consumer sees it: AMQP properties, headers (strings), body, and when it arrived.</summary>
public sealed record ReceivedEvent(
    string? MessageId,
    string? ContentType,
    DeliveryModes DeliveryMode,
    string? Type,
    string Exchange,
    string RoutingKey,
    bool Redelivered,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTime ReceivedAt)
{
    public static ReceivedEvent From(string exchange, string routingKey, bool redelivered, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body) => new(
        properties.MessageId,
        properties.ContentType,
        properties.DeliveryMode,
        properties.Type,
        exchange,
        routingKey,
        redelivered,
        // AMQP carries header strings as bytes.
        (properties.Headers ?? new Dictionary<string, object?>()).ToDictionary(
            pair => pair.Key,
            pair => pair.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        Encoding.UTF8.GetString(body.Span),
        DateTime.UtcNow);

    public string? Owner => Headers.GetValueOrDefault("owner");
}
