using System.Net;
using Orders.Api.Events;
using Orders.Api.Observability;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Events;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Tracing;

/// <summary>
/// The trace through the outbox, as a consumer and a collector see it: the delivered order.placed
/// message's traceparent names the request's trace and the relay's publish span, which the collector
/// received as a child of (and linked to) the create whose trace context the event row kept.
/// </summary>
[Collection(EventSuite.Name)]
public abstract class EventTracingContract<TDatabase>(TDatabase database, RabbitMqNode rabbit) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private static readonly AsyncApiDocument Contract = AsyncApiDocument.Load();

    [Fact]
    public async Task DeliveredMessage_CarriesTheRequestsTrace_InThePublishSpanLinkedToTheCreate()
    {
        await rabbit.RequireAsync();
        await using var receiver = await OtlpReceiver.StartAsync();
        var owner = EventSuite.NewOwner();
        await using var collector = await EventCollector.StartAsync(rabbit.Uri, owner);
        var settings = EventSuite.Settings(rabbit.Uri);
        foreach (var (key, value) in receiver.ExportSettings())
        {
            settings[key] = value;
        }
        var client = StartFactory(settings).CreateClientWithToken(TestTokens.Mint(owner));
        var frontend = FrontendTrace.New();
        var body = OrderRequests.Valid(OrderRequests.NewReference());

        // When an order is placed in the frontend's trace and its event is relayed
        Assert.Equal(HttpStatusCode.Created, (await frontend.PostOrderAsync(client, body)).StatusCode);
        Assert.True(await collector.WaitForDistinctAsync(1, TimeSpan.FromSeconds(60)), "the order.placed message did not arrive");

        // Then the message's traceparent is in the request's trace, and documented by asyncapi.yaml
        var delivery = Assert.Single(collector.Distinct);
        Contract.Decode(delivery);
        var traceParent = delivery.Headers[OrderEventMessage.TraceParentHeader].Split('-');
        Assert.Equal(frontend.TraceId, traceParent[1]);
        // And its parent-id is the publish span, a producer span below the create and linked to it
        var trace = await receiver.WaitForTraceAsync(frontend.TraceId,
            spans => FrontendTrace.HasCreate(spans) && spans.Any(span => span.Kind == SpanKind.Producer), TimeSpan.FromSeconds(20));
        var create = Assert.Single(trace, span => span.Name == OrdersTracing.CreateSpan);
        var publish = Assert.Single(trace, span => span.Kind == SpanKind.Producer);
        Assert.Equal(PublishTracing.SpanName, publish.Name);
        Assert.Equal(traceParent[2], publish.SpanId);
        Assert.Equal(create.SpanId, publish.ParentSpanId);
        Assert.Contains((frontend.TraceId, create.SpanId), publish.Links);
        Assert.Equal(delivery.MessageId, publish.Attribute("messaging.message.id"));
        Assert.Equal(OrderEventMessage.Exchange, publish.Attribute("messaging.destination.name"));
        FrontendTrace.AssertNoCustomerData(trace, body);
    }

    [Fact]
    public async Task WithTracingOff_TheMessageStillCarriesTheFrontendsTrace()
    {
        await rabbit.RequireAsync();
        var owner = EventSuite.NewOwner();
        await using var collector = await EventCollector.StartAsync(rabbit.Uri, owner);
        var client = StartFactory(EventSuite.Settings(rabbit.Uri)).CreateClientWithToken(TestTokens.Mint(owner));
        var frontend = FrontendTrace.New();

        Assert.Equal(HttpStatusCode.Created, (await frontend.PostOrderAsync(client, OrderRequests.Valid(OrderRequests.NewReference()))).StatusCode);
        Assert.True(await collector.WaitForDistinctAsync(1, TimeSpan.FromSeconds(60)), "the order.placed message did not arrive");

        // ASP.NET Core's own activity continues the incoming traceparent; the event row kept it.
        var delivery = Assert.Single(collector.Distinct);
        Contract.Decode(delivery);
        Assert.Equal(frontend.TraceId, delivery.Headers[OrderEventMessage.TraceParentHeader].Split('-')[1]);
    }
}
