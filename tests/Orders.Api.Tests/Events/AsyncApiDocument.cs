using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;
using YamlDotNet.Serialization;

namespace Orders.Api.Tests.Events;

/// <summary>
/// asyncapi.yaml read as a consumer's code generator or validator would: YAML to JSON, each send
/// operation's channel and AMQP bindings, and its message's header and payload schemas as JSON Schema
/// (component refs resolved as $defs). <see cref="Decode"/> is the whole consumer's view of one delivery.
/// </summary>
public sealed class AsyncApiDocument
{
    private static readonly EvaluationOptions Strict = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    private AsyncApiDocument(JsonObject root)
    {
        Root = root;
        Messages = root["operations"]!.AsObject()
            .Select(operation => ReadMessage(operation.Value!))
            .ToDictionary(message => message.MessageType, StringComparer.Ordinal);
    }

    public JsonObject Root { get; }

    /// <summary>Every published message, by event type (its name, routing key and AMQP type).</summary>
    public IReadOnlyDictionary<string, AsyncApiMessage> Messages { get; }

    /// <summary>The order.placed message, the first the document described.</summary>
    public AsyncApiMessage Placed => Messages[OrderEventTypes.Placed];

    public string Exchange => Placed.Exchange;

    public string ExchangeType => Placed.ExchangeType;

    public bool ExchangeDurable => Placed.ExchangeDurable;

    public string RoutingKey => Placed.RoutingKey;

    public int DeliveryMode => Placed.DeliveryMode;

    public string ContentType => Placed.ContentType;

    public string MessageType => Placed.MessageType;

    public static AsyncApiDocument Load() => Parse(File.ReadAllText(RepositoryFiles.PathOf("asyncapi.yaml")));

    public static AsyncApiDocument Parse(string yaml) => new(ReadYaml(yaml));

    /// <summary>YAML as JSON: unquoted scalars become numbers, booleans and nulls, as in any such conversion.</summary>
    public static JsonObject ReadYaml(string yaml)
    {
        var graph = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        return JsonSerializer.SerializeToNode(graph)!.AsObject();
    }

    /// <summary>Null when the payload text satisfies the schema of the event type's payload; else what does not.</summary>
    public string? PayloadErrors(string body, string type = OrderEventTypes.Placed)
    {
        using var document = JsonDocument.Parse(body);
        return Errors(Messages[type].Payload, document.RootElement);
    }

    /// <summary>Null when the AMQP headers satisfy the headers schema (which admits no undocumented header); else what does not.</summary>
    public string? HeaderErrors(IReadOnlyDictionary<string, string> headers, string type = OrderEventTypes.Placed)
    {
        var json = new JsonObject(headers.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value))));
        return Errors(Messages[type].Headers, JsonSerializer.SerializeToElement(json));
    }

    /// <summary>
    /// Checks a delivery against the document's message for its routing key (routing, properties,
    /// headers, payload) and returns the decoded payload; fails the test with the reasons otherwise.
    /// </summary>
    public JsonObject Decode(ReceivedEvent delivery)
    {
        var message = Messages.Values.SingleOrDefault(m => m.RoutingKey == delivery.RoutingKey);
        Assert.True(message is not null, $"routing key {delivery.RoutingKey} is not in asyncapi.yaml");
        Assert.Equal(message.Exchange, delivery.Exchange);
        Assert.Equal(message.ContentType, delivery.ContentType);
        Assert.Equal(message.MessageType, delivery.Type);
        Assert.Equal(message.DeliveryMode, (int)delivery.DeliveryMode);
        Assert.True(Guid.TryParse(delivery.MessageId, out var eventId) && eventId.Version == 7, $"message-id {delivery.MessageId} is not a UUIDv7");
        Assert.Null(HeaderErrors(delivery.Headers, message.MessageType));
        Assert.Null(PayloadErrors(delivery.Body, message.MessageType));
        return JsonNode.Parse(delivery.Body)!.AsObject();
    }

    // An operation names its channel (routing key, exchange) and its message (by the channel's own ref).
    private AsyncApiMessage ReadMessage(JsonNode operation)
    {
        var channel = Resolve(operation["channel"]!);
        var exchange = channel["bindings"]!["amqp"]!["exchange"]!;
        var message = Resolve(Resolve(operation["messages"]![0]!));
        return new AsyncApiMessage(
            (string)exchange["name"]!,
            (string)exchange["type"]!,
            (bool)exchange["durable"]!,
            (string)channel["address"]!,
            (int)operation["bindings"]!["amqp"]!["deliveryMode"]!,
            (string)message["contentType"]!,
            (string)message["bindings"]!["amqp"]!["messageType"]!,
            SchemaOf(message["headers"]!),
            SchemaOf(message["payload"]!));
    }

    /// <summary>A local $ref (<c>#/a/b</c>) followed to what it names; anything else as it is.</summary>
    private JsonNode Resolve(JsonNode node) =>
        node["$ref"] is { } reference
            ? ((string)reference!).TrimStart('#', '/').Split('/').Aggregate((JsonNode)Root, (at, name) => at[name]!)
            : node;

    private JsonSchema SchemaOf(JsonNode schema)
    {
        // A standalone schema: the document's component schemas become $defs, and refs follow.
        var defs = Root["components"]!["schemas"]!.DeepClone();
        var text = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://orders.invalid/asyncapi/{Guid.NewGuid():N}",
            ["$defs"] = defs,
            ["allOf"] = new JsonArray(schema.DeepClone()),
        }.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text);
    }

    private static string? Errors(JsonSchema schema, JsonElement instance)
    {
        var result = schema.Evaluate(instance, Strict);
        return result.IsValid
            ? null
            : string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
    }
}
