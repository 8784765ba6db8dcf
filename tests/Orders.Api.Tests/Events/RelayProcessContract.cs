using System.Net;
using System.Net.Http.Headers;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>
/// The relay as deployed: the built API as processes, SIGKILLed mid-relay, and two of them relaying
/// one database. Checked against the database after deduplication by message-id, as a consumer does.
/// </summary>
[Collection(EventSuite.Name)]
public abstract class RelayProcessContract<TDatabase>(TDatabase database, RabbitMqNode rabbit) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private const int Kills = 3;
    private static readonly int OrdersPerLife = 100 * EventSuite.Scale;
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);
    private static readonly AsyncApiDocument Contract = AsyncApiDocument.Load();

    [Fact]
    public async Task ApiSigkilledMidRelay_SeveralTimes_LeavesExactlyOneEventPerStoredOrder_AfterDedupe()
    {
        await RequireAsync();
        var owner = EventSuite.NewOwner();
        await using var collector = await EventCollector.StartAsync(rabbit.Uri, owner);
        // Small batches: many rounds in flight, so a kill lands between a confirm and its commit.
        var environment = EventSuite.Environment(Database, rabbit.Uri, batchSize: 10);
        var load = new OrderLoad();
        var references = new List<string>();

        for (var life = 0; life < Kills; life++)
        {
            // Given an instance busy placing orders and relaying their events ...
            var api = await ApiProcess.StartAsync(environment);
            using var client = ClientFor(api, owner);
            await load.PostAllAsync(client, load.Unknown.ToList(), parallel: 4, Ct); // retries of unanswered requests
            var batch = Enumerable.Range(0, OrdersPerLife).Select(_ => OrderRequests.NewReference()).ToList();
            references.AddRange(batch);
            var placing = load.PostAllAsync(client, batch, parallel: 4, Ct);
            await WaitForAsync(() => collector.Deliveries.Count > references.Count / 2 || placing.IsCompleted);

            // ... is killed without warning, mid-request and mid-round
            await api.DisposeAsync(); // SIGKILL
            await placing;
        }
        var last = await ApiProcess.StartAsync(environment);
        await using (last)
        {
            using var client = ClientFor(last, owner);
            for (var retry = 0; retry < 3 && load.Unknown.Count > 0; retry++)
            {
                await load.PostAllAsync(client, load.Unknown.ToList(), parallel: 4, Ct);
            }
            Assert.True(await Database.WaitUntilPublishedAsync(owner, Arrival), "events still pending");
        }

        // Then every request was answered in the end, and each stored order has exactly one event
        Assert.Empty(load.Unknown);
        var stored = await Database.OrderIdsAsync(owner);
        Assert.True(await collector.WaitForDistinctAsync(stored.Count, Arrival), $"{collector.Distinct.Count} of {stored.Count} events arrived");
        await EventCollector.SettleAsync();
        AssertExactlyOneEventPerOrder(stored, collector);
        Assert.Superset(load.Created.Values.Select(c => c.OrderId).ToHashSet(), stored);
        EventSuite.Report($"{Database.Name}: {Kills} SIGKILLs mid-relay: {stored.Count} orders, {collector.Deliveries.Count} deliveries, " +
                          $"{collector.Redeliveries} redeliveries (published again after a kill between confirm and commit), 0 lost");
    }

    [Fact]
    public async Task TwoInstancesRelayingOneDatabase_LoseNothing_AndNeverPublishARowTwice()
    {
        await RequireAsync();
        var owner = EventSuite.NewOwner();
        await using var collector = await EventCollector.StartAsync(rabbit.Uri, owner);
        var environment = EventSuite.Environment(Database, rabbit.Uri, batchSize: 10);
        await using var first = await ApiProcess.StartAsync(environment);
        await using var second = await ApiProcess.StartAsync(environment);
        using var firstClient = ClientFor(first, owner);
        using var secondClient = ClientFor(second, owner);
        var load = new OrderLoad();

        // Given both instances placing orders (so both relays have work) at once
        var references = Enumerable.Range(0, 2 * OrdersPerLife).Select(_ => OrderRequests.NewReference()).ToList();
        await Task.WhenAll(
            load.PostAllAsync(firstClient, references.Where((_, i) => i % 2 == 0), parallel: 4, Ct),
            load.PostAllAsync(secondClient, references.Where((_, i) => i % 2 == 1), parallel: 4, Ct));

        // Then every event arrives once: with nothing crashed, any second copy would be a row both published
        Assert.Equal(references.Count, load.Count(HttpStatusCode.Created));
        Assert.True(await Database.WaitUntilPublishedAsync(owner, Arrival), "events still pending");
        Assert.True(await collector.WaitForDistinctAsync(references.Count, Arrival), $"{collector.Distinct.Count} of {references.Count} events arrived");
        await EventCollector.SettleAsync();
        AssertExactlyOneEventPerOrder(await Database.OrderIdsAsync(owner), collector);
        Assert.Equal(references.Count, collector.Deliveries.Count);
        EventSuite.Report($"{Database.Name}: two relays on one database: {collector.Deliveries.Count} deliveries for {references.Count} orders");
    }

    private async Task RequireAsync()
    {
        TestRequirements.SkipOrFailWhenUnavailable(Database.Name, Database.UnavailableReason);
        await rabbit.RequireAsync();
    }

    private static void AssertExactlyOneEventPerOrder(HashSet<string> storedOrderIds, EventCollector collector)
    {
        var byOrder = collector.Distinct
            .GroupBy(delivery => (string)Contract.Decode(delivery)["orderId"]!)
            .ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(storedOrderIds.Order(), byOrder.Keys.Order());
        Assert.All(byOrder, pair => Assert.Equal(1, pair.Value)); // one message-id per order: one event row each
    }

    private static HttpClient ClientFor(ApiProcess api, string owner)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Mint(owner));
        return client;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}
