using Json.Schema;

namespace Orders.Api.Tests.Events;

/// <summary>One message of the document as a consumer binds and decodes it.</summary>
public sealed record AsyncApiMessage(
    string Exchange,
    string ExchangeType,
    bool ExchangeDurable,
    string RoutingKey,
    int DeliveryMode,
    string ContentType,
    string MessageType,
    JsonSchema Headers,
    JsonSchema Payload);
