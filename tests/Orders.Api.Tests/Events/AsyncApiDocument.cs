using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Orders.Api.Tests.Fixtures;
using YamlDotNet.Serialization;

namespace Orders.Api.Tests.Events;

/// <summary>
/// asyncapi.yaml read as a consumer's code generator or validator would: YAML to JSON, the channel's
/// AMQP bindings, and the message's header and payload schemas as JSON Schema (its component refs
/// resolved as $defs). <see cref="Decode"/> is the whole consumer's view of one delivery.
/// </summary>
public sealed class AsyncApiDocument
{
    private static readonly EvaluationOptions Strict = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    private AsyncApiDocument(JsonObject root)
    {
        Root = root;
        var channel = root["channels"]!["orderPlaced"]!;
        var exchange = channel["bindings"]!["amqp"]!["exchange"]!;
        Exchange = (string)exchange["name"]!;
        ExchangeType = (string)exchange["type"]!;
        ExchangeDurable = (bool)exchange["durable"]!;
        RoutingKey = (string)channel["address"]!;
        DeliveryMode = (int)root["operations"]!["publishOrderPlaced"]!["bindings"]!["amqp"]!["deliveryMode"]!;
        var message = root["components"]!["messages"]!["orderPlaced"]!;
        ContentType = (string)message["contentType"]!;
        MessageType = (string)message["bindings"]!["amqp"]!["messageType"]!;
        Headers = SchemaOf(message["headers"]!);
        Payload = SchemaOf(message["payload"]!);
    }

    public JsonObject Root { get; }

    public string Exchange { get; }

    public string ExchangeType { get; }

    public bool ExchangeDurable { get; }

    public string RoutingKey { get; }

    public int DeliveryMode { get; }

    public string ContentType { get; }

    public string MessageType { get; }

    public JsonSchema Headers { get; }

    public JsonSchema Payload { get; }

    public static AsyncApiDocument Load() => Parse(File.ReadAllText(RepositoryFiles.PathOf("asyncapi.yaml")));

    public static AsyncApiDocument Parse(string yaml) => new(ReadYaml(yaml));

    /// <summary>YAML as JSON: unquoted scalars become numbers, booleans and nulls, as in any such conversion.</summary>
    public static JsonObject ReadYaml(string yaml)
    {
        var graph = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        return JsonSerializer.SerializeToNode(graph)!.AsObject();
    }

    /// <summary>Null when the payload text satisfies the payload schema; else what does not.</summary>
    public string? PayloadErrors(string body)
    {
        using var document = JsonDocument.Parse(body);
        return Errors(Payload, document.RootElement);
    }

    /// <summary>Null when the AMQP headers satisfy the headers schema (which admits no undocumented header); else what does not.</summary>
    public string? HeaderErrors(IReadOnlyDictionary<string, string> headers)
    {
        var json = new JsonObject(headers.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value))));
        return Errors(Headers, JsonSerializer.SerializeToElement(json));
    }

    /// <summary>
    /// Checks a delivery against the document (routing, properties, headers, payload) and returns
    /// the decoded payload; fails the test with the reasons otherwise.
    /// </summary>
    public JsonObject Decode(ReceivedEvent delivery)
    {
        Assert.Equal(Exchange, delivery.Exchange);
        Assert.Equal(RoutingKey, delivery.RoutingKey);
        Assert.Equal(ContentType, delivery.ContentType);
        Assert.Equal(MessageType, delivery.Type);
        Assert.Equal(DeliveryMode, (int)delivery.DeliveryMode);
        Assert.True(Guid.TryParse(delivery.MessageId, out var eventId) && eventId.Version == 7, $"message-id {delivery.MessageId} is not a UUIDv7");
        Assert.Null(HeaderErrors(delivery.Headers));
        Assert.Null(PayloadErrors(delivery.Body));
        return JsonNode.Parse(delivery.Body)!.AsObject();
    }

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
