using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Orders.FulfilmentWorker;

/// <summary>
/// What the worker needs of an order.placed message (docs/operations.md, "The message contract"):
/// the event id from <c>message-id</c>, the owner from the <c>owner</c> header, the client
/// reference from the body (the order as GET returns it). Null for a message that lacks one of them.
/// </summary>
public sealed record PlacedEvent(Guid EventId, string Owner, string ClientReference)
{
    public const string OwnerHeader = "owner";

    public static PlacedEvent? From(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        if (!Guid.TryParse(properties.MessageId, out var eventId)
            || properties.Headers?.TryGetValue(OwnerHeader, out var header) != true || header is not byte[] { Length: > 0 } owner)
        {
            return null;
        }
        try
        {
            using var order = JsonDocument.Parse(body);
            return order.RootElement.ValueKind == JsonValueKind.Object
                   && order.RootElement.TryGetProperty("clientReference", out var reference)
                   && reference.ValueKind == JsonValueKind.String
                ? new PlacedEvent(eventId, Encoding.UTF8.GetString(owner), reference.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
