using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Events;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;
using RabbitMQ.Client;

namespace Orders.Api.Tests.Events;

/// <summary>
/// asyncapi.yaml against the code that publishes, without a broker: the same exchange, routing key
/// and properties, and a payload schema that accepts exactly what the app puts in a message. The
/// broker suites then decode every message they receive with it (<see cref="AsyncApiDocument.Decode"/>).
/// </summary>
public sealed partial class AsyncApiDocumentTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>, IAsyncDisposable
{
    private static readonly AsyncApiDocument Document = AsyncApiDocument.Load();

    // Disposed with the test: a running app's outbox relay would reopen, and so recreate, the
    // class fixture's SQLite file after the fixture deleted it.
    private OrdersApiFactory? _factory;

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(OrderEventTypes.Placed)]
    [InlineData(OrderEventTypes.Cancelled)]
    [InlineData(OrderEventTypes.Changed)]
    [InlineData(OrderEventTypes.Fulfilled)]
    public void Document_NamesTheExchangeRoutingKeyAndPropertiesThePublisherUses(string type)
    {
        var orderEvent = new OrderEvent(
            Guid.CreateVersion7(), "owner-1", Guid.CreateVersion7(), type, "{}", DateTime.UtcNow,
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=opaque");
        var properties = OrderEventMessage.Properties(orderEvent);
        var message = Document.Messages[type];

        Assert.Equal(OrderEventMessage.Exchange, message.Exchange);
        Assert.Equal(ExchangeType.Topic, message.ExchangeType);
        Assert.True(message.ExchangeDurable);
        Assert.Equal(type, message.RoutingKey);
        Assert.Equal(properties.ContentType, message.ContentType);
        Assert.Equal(properties.Type, message.MessageType);
        Assert.Equal((int)properties.DeliveryMode, message.DeliveryMode);
        Assert.Null(Document.HeaderErrors(Strings(properties.Headers!), type));
    }

    [Fact]
    public void Document_DescribesExactlyTheEventTypesTheStoreWrites_EachWithItsOwnTypeHeader()
    {
        // Every type the outbox's CHECK admits (sql/*/…fulfilment.sql), and nothing else.
        string[] types = [OrderEventTypes.Placed, OrderEventTypes.Cancelled, OrderEventTypes.Changed, OrderEventTypes.Fulfilled];
        var placedHeaders = Strings(OrderEventMessage.Properties(new OrderEvent(
            Guid.CreateVersion7(), "owner-1", Guid.CreateVersion7(), OrderEventTypes.Placed, "{}", DateTime.UtcNow, null, null)).Headers!);

        Assert.Equal(types.Order(StringComparer.Ordinal), Document.Messages.Keys.Order(StringComparer.Ordinal));
        Assert.NotNull(Document.HeaderErrors(placedHeaders, OrderEventTypes.Cancelled));
        Assert.NotNull(Document.HeaderErrors(placedHeaders, OrderEventTypes.Changed));
        Assert.NotNull(Document.HeaderErrors(placedHeaders, OrderEventTypes.Fulfilled));
    }

    [Fact]
    public void HeadersSchema_AcceptsTheTraceContextThePublisherSends_AndRefusesWhatItDoesNotDescribe()
    {
        var traced = new OrderEvent(Guid.CreateVersion7(), "owner-1", Guid.CreateVersion7(), OrderEventTypes.Placed, "{}", DateTime.UtcNow,
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=opaque");
        var untraced = traced with { TraceParent = null, TraceState = null };

        var headers = Strings(OrderEventMessage.Properties(traced).Headers!);
        Assert.Equal(traced.TraceParent, headers[OrderEventMessage.TraceParentHeader]);
        Assert.Equal(traced.TraceState, headers[OrderEventMessage.TraceStateHeader]);
        Assert.Null(Document.HeaderErrors(headers));
        Assert.DoesNotContain(OrderEventMessage.TraceParentHeader, Strings(OrderEventMessage.Properties(untraced).Headers!).Keys);
        Assert.Null(Document.HeaderErrors(Strings(OrderEventMessage.Properties(untraced).Headers!)));
        Assert.NotNull(Document.HeaderErrors(new Dictionary<string, string>(headers) { ["traceparent"] = "not-a-traceparent" }));
        Assert.NotNull(Document.HeaderErrors(new Dictionary<string, string>(headers) { ["undocumented"] = "x" }));
    }

    private static Dictionary<string, string> Strings(IDictionary<string, object?> headers) =>
        headers.ToDictionary(pair => pair.Key, pair => (string)pair.Value!);

    [Fact]
    public void PayloadSchema_AcceptsTheEventTheAppBuilds_WithAndWithoutOptionalParts()
    {
        var events = EventFactory();
        var full = events.PlacedFor(SampleOrder(withAddress: true, name: "Ada"))!;
        var bare = events.PlacedFor(SampleOrder(withAddress: false, name: null))!;

        Assert.Null(Document.PayloadErrors(full.Payload));
        Assert.Null(Document.PayloadErrors(bare.Payload));
    }

    [Fact]
    public void PayloadSchema_RejectsAFieldItDoesNotDescribe_AndAMissingOne()
    {
        var payload = JsonNode.Parse(EventFactory().PlacedFor(SampleOrder(withAddress: true, name: "Ada"))!.Payload)!.AsObject();
        var extra = payload.DeepClone().AsObject();
        extra["discount"] = 5;
        var missing = payload.DeepClone().AsObject();
        missing.Remove("total");

        Assert.NotNull(Document.PayloadErrors(extra.ToJsonString()));
        Assert.NotNull(Document.PayloadErrors(missing.ToJsonString()));
    }

    [Theory]
    [InlineData("OrderPlaced", "OrderResponse")]
    [InlineData("Customer", "Customer")]
    [InlineData("ShippingAddress", "ShippingAddress")]
    [InlineData("OrderLine", "OrderLine")]
    public void PayloadSchemas_HaveTheFieldsOfTheApisOwnResponseSchemas(string asyncApiSchema, string openApiSchema)
    {
        // The payload is the API's order; the two documents must not drift apart, but for what only one declares.
        var openApi = AsyncApiDocument.ReadYaml(File.ReadAllText(RepositoryFiles.PathOf("openapi.yaml")));
        var theirs = openApi["components"]!["schemas"]![openApiSchema]!;
        var ours = Document.Root["components"]!["schemas"]![asyncApiSchema]!;
        var onlyTheAnswers = OnlyInTheAnswer.GetValueOrDefault(openApiSchema, []);

        Assert.Equal(Names(theirs["properties"]!.AsObject()).Except(onlyTheAnswers), Names(ours["properties"]!.AsObject()));
        Assert.Equal(Strings(theirs["required"]!.AsArray()).Except(onlyTheAnswers), Strings(ours["required"]!.AsArray()));
        var narrowed = NarrowedInTheEvent.GetValueOrDefault(asyncApiSchema, []);
        foreach (var (name, property) in theirs["properties"]!.AsObject().Where(p => narrowed.Contains(p.Key)))
        {
            var allowed = property!["enum"]!.AsArray().Select(value => (string?)value).ToHashSet();
            Assert.Subset(allowed, ours["properties"]![name]!["enum"]!.AsArray().Select(value => (string?)value).ToHashSet());
        }
        foreach (var (name, property) in theirs["properties"]!.AsObject().Where(p => !onlyTheAnswers.Contains(p.Key) && !narrowed.Contains(p.Key)))
        {
            // Each field's type, nullability and limits are openapi.yaml's (written from the code), not a copy's.
            var expected = Constraints(property!);
            var actual = Constraints(ours["properties"]![name]!);
            Assert.True(expected == actual, $"{asyncApiSchema}.{name}: asyncapi.yaml says {actual}, openapi.yaml says {expected}");
        }
    }

    /// <summary>
    /// What the answer shows and the event does not, by OpenAPI schema, each with its reason.
    /// etag: an HTTP validator, for If-None-Match and If-Match; a consumer reads no HTTP headers, and an
    /// order.placed always describes the order's first version.
    /// </summary>
    internal static readonly Dictionary<string, string[]> OnlyInTheAnswer = new(StringComparer.Ordinal)
    {
        ["OrderResponse"] = ["etag"],
    };

    /// <summary>
    /// Enums an event narrows, by AsyncAPI schema: an order.placed describes a placed order, whatever
    /// statuses the API's order can show.
    /// </summary>
    internal static readonly Dictionary<string, string[]> NarrowedInTheEvent = new(StringComparer.Ordinal)
    {
        ["OrderPlaced"] = ["status"],
    };

    // What a value must be; descriptions and OpenAPI's own integer formats (int32, int64) aside.
    private static readonly string[] Keywords = ["pattern", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "enum", "const"];

    /// <summary>A property's rules in one comparable line: OpenAPI 3.0's nullable and JSON Schema's type list read alike.</summary>
    private static string Constraints(JsonNode property)
    {
        if (property["$ref"] is not null || property["oneOf"] is not null)
        {
            // A reference to another schema, whose own rules its own case compares (perhaps or-null: OpenAPI 3.0
            // says that in the referenced schema, JSON Schema with oneOf).
            return "a reference";
        }
        var types = property["type"] is JsonArray list ? list.Select(t => (string)t!).ToList() : [(string)property["type"]!];
        if ((bool?)property["nullable"] == true) types.Add("null");
        var line = string.Join("|", types.Order(StringComparer.Ordinal));
        if (types.Contains("string") && property["format"] is { } format) line += $" format={format}";
        if (property["items"] is { } items) line += " items:" + Constraints(items);
        foreach (var keyword in Keywords.Where(keyword => property[keyword] is not null))
        {
            line += $" {keyword}={property[keyword]!.ToJsonString()}";
        }
        return line;
    }

    private static IEnumerable<string> Names(JsonObject properties) => properties.Select(p => p.Key).Order(StringComparer.Ordinal);

    private static IEnumerable<string> Strings(JsonArray values) => values.Select(v => (string)v!).Order(StringComparer.Ordinal);

    private OrderEventFactory EventFactory()
    {
        TestRequirements.SkipOrFailWhenUnavailable(database.Name, database.UnavailableReason);
        // The app's own factory and JSON settings; the broker is never contacted in this test.
        _factory = OrdersApiFactory.For(database, new Dictionary<string, string?> { ["Events:Broker"] = "amqp://127.0.0.1:1/" });
        return _factory.Services.GetRequiredService<OrderEventFactory>();
    }

    private static Order SampleOrder(bool withAddress, string? name) => new(
        Guid.CreateVersion7(), "owner-1", "ref-1", Order.PlacedStatus, "EUR", new Customer("ada@example.com", name, name is null ? null : "+49 30 1234567"),
        withAddress ? new ShippingAddress("1 Main St", null, "Berlin", "10117", "DE") : null,
        [new OrderLine(1, "SKU-1", 2, 1999, 3998)], 3998, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1230), Order.FirstVersion,
        CancelledAt: null, CancellationReason: null,
        FulfilledAt: null, Carrier: null, TrackingNumber: null);
}
