using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>
/// Order events through a real RabbitMQ, the app in memory: exactly one event per order, none for a
/// refused request, and none lost while the broker is down. Every message received is decoded with
/// asyncapi.yaml, as a consumer would.
/// </summary>
[Collection(EventSuite.Name)]
public abstract class OrderEventsContract<TDatabase>(TDatabase database, RabbitMqNode rabbit) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private static readonly int Distinct = 40 * EventSuite.Scale;
    private const int StormSize = 20;
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);
    private static readonly AsyncApiDocument Contract = AsyncApiDocument.Load();

    [Fact]
    public async Task Every201_YieldsExactlyOneEvent_WithTheOrder_And409sAndRejectionsYieldNone()
    {
        await rabbit.RequireAsync();
        var owner = EventSuite.NewOwner();
        await using var collector = await EventCollector.StartAsync(rabbit.Uri, owner);
        var client = StartFactory(EventSuite.Settings(rabbit.Uri)).CreateClientWithToken(TestTokens.Mint(owner));
        var load = new OrderLoad();
        var storm = OrderRequests.NewReference();
        var started = Stopwatch.StartNew();

        // Given distinct orders, a storm of concurrent requests on one reference, and rejected requests
        var invalid = OrderRequests.Valid(OrderRequests.NewReference());
        invalid.Remove("currency");
        var rejected = Enumerable.Range(0, 5).Select(_ => client.PostOrderAsync(invalid.DeepClone())).ToList();
        await load.PostAllAsync(client,
            Enumerable.Range(0, Distinct).Select(_ => OrderRequests.NewReference()).Concat(Enumerable.Repeat(storm, StormSize)), parallel: 8, Ct);

        // Then one event per 201, with the order as GET returns it, and nothing else
        Assert.All(await Task.WhenAll(rejected), response => Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode));
        Assert.Equal(Distinct + 1, load.Count(HttpStatusCode.Created));
        Assert.Equal(StormSize - 1, load.Count(HttpStatusCode.Conflict));
        Assert.True(await collector.WaitForDistinctAsync(Distinct + 1, Arrival), $"{collector.Distinct.Count} of {Distinct + 1} events arrived");
        await EventCollector.SettleAsync();
        Assert.Equal(Distinct + 1, collector.Distinct.Count);
        Assert.Equal(Distinct + 1, await Database.CountEventsAsync(owner));
        await AssertOneEventPerOrderAsync(client, load, collector);
        EventSuite.Report($"{Database.Name}: {collector.Distinct.Count} events for {load.Created.Count} orders in {started.Elapsed.TotalSeconds:F1} s, " +
                          $"{collector.Redeliveries} redeliveries; lag from 201 to delivery {Lag(load, collector)}");
    }

    [Fact]
    public async Task BrokerStoppedMidLoad_RequestsStillGet201Or409_AndEveryEventArrivesAfterItsRestart()
    {
        await rabbit.RequireAsync();
        Assert.SkipUnless(rabbit.CanStopAndStart, $"{RabbitMqNode.BrokerVariable} names a broker this test cannot stop");
        var owner = EventSuite.NewOwner();
        await using var collector = await EventCollector.StartAsync(rabbit.Uri, owner);
        var client = StartFactory(EventSuite.Settings(rabbit.Uri)).CreateClientWithToken(TestTokens.Mint(owner));
        var load = new OrderLoad();
        using var stop = new CancellationTokenSource();

        // Given a steady load until the broker is back (each reference sent twice: a 201 and a 409) ...
        var references = Enumerable.Range(0, 50_000).Select(_ => OrderRequests.NewReference()).SelectMany(r => new[] { r, r });
        var loading = load.PostAllAsync(client, references, parallel: 4, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);

        // ... during which the broker stops, stays down a while, and comes back
        await using var outage = await rabbit.StopBrokerAsync();
        var createdWhileDown = load.Created.Count;
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        var ready = await client.GetAsync("/health/ready", Ct);
        var createdDuringOutage = load.Created.Count - createdWhileDown;
        await outage.EndAsync();
        var restarted = Stopwatch.StartNew();
        var arrivedBeforeRestart = collector.Distinct.Count;
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        await stop.CancelAsync();
        await loading.ContinueWith(_ => { }, TaskScheduler.Default);

        // Then nothing failed, readiness never depended on the broker, and every order's event arrived
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(createdDuringOutage > 0, "no order was placed while the broker was down");
        Assert.All(load.Statuses, status => Assert.True(status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"answered {status}"));
        Assert.Empty(load.Unknown);
        Assert.True(await collector.WaitForDistinctAsync(load.Created.Count, Arrival),
            $"{collector.Distinct.Count} of {load.Created.Count} events arrived");
        var drained = restarted.Elapsed;
        await AssertOneEventPerOrderAsync(client, load, collector, readBack: false);
        EventSuite.Report($"{Database.Name}: broker down ~2 s under load: {load.Created.Count} orders ({createdDuringOutage} during the outage), " +
                          $"{load.Count(HttpStatusCode.Conflict)} 409s, all {collector.Distinct.Count} events arrived, {collector.Redeliveries} redeliveries; " +
                          $"after the restart {collector.Distinct.Count - arrivedBeforeRestart} events relayed in {drained.TotalSeconds:F1} s " +
                          $"({(collector.Distinct.Count - arrivedBeforeRestart) / drained.TotalSeconds:F0}/s, while still taking orders)");
    }

    /// <summary>
    /// Each created order has exactly one distinct event, carrying it as the API returns it (less what only
    /// the answer shows, declared in <see cref="AsyncApiDocumentTests.OnlyInTheAnswer"/>); no event for anything else.
    /// </summary>
    private static async Task AssertOneEventPerOrderAsync(HttpClient client, OrderLoad load, EventCollector collector, bool readBack = true)
    {
        var events = collector.Distinct.Select(delivery => Contract.Decode(delivery)).ToList();
        Assert.Equal(load.Created.Values.Select(c => c.OrderId).Order(), events.Select(e => (string)e["orderId"]!).Order());
        foreach (var payload in events)
        {
            var created = load.Created[(string)payload["clientReference"]!];
            Assert.True(JsonNode.DeepEquals(AsTheEventShowsIt(created.Body), payload), $"event {payload} differs from the 201 body {created.Body}");
            if (readBack)
            {
                var stored = JsonNode.Parse(await client.GetStringAsync($"/orders/{payload["clientReference"]}", TestContext.Current.CancellationToken))!;
                Assert.True(JsonNode.DeepEquals(AsTheEventShowsIt(stored), payload), $"event {payload} differs from GET {stored}");
            }
        }
    }

    private static JsonObject AsTheEventShowsIt(JsonNode answer)
    {
        var order = answer.DeepClone().AsObject();
        foreach (var name in AsyncApiDocumentTests.OnlyInTheAnswer["OrderResponse"])
        {
            order.Remove(name);
        }
        return order;
    }

    private static string Lag(OrderLoad load, EventCollector collector)
    {
        var created = load.Created.Values.ToDictionary(c => c.OrderId, c => c.At);
        var lags = collector.Distinct
            .Select(d => (d.ReceivedAt - created[(string)JsonNode.Parse(d.Body)!["orderId"]!]).TotalMilliseconds)
            .Order().ToList();
        return lags.Count == 0 ? "n/a" : $"p50 {lags[lags.Count / 2]:F0} ms, p99 {lags[(int)(lags.Count * 0.99)]:F0} ms, max {lags[^1]:F0} ms";
    }
}
