using System.Diagnostics;
using Orders.Api.Http.Responses;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;
using Orders.FulfilmentWorker;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Issue 36's loop end to end: the API as a process with events on, a throwaway RabbitMQ node, and
/// examples/Orders.FulfilmentWorker as a process. Orders are placed by several owners, some cancelled
/// before the worker sees them and some while it runs; the worker is SIGKILLed mid-stream and started
/// again, the broker's node restarts mid-stream, and copies of handled events are published again as
/// a restarted relay would. Checked against the database, the customers' GETs and the worker's own
/// processed-ids file.
/// </summary>
public abstract class FulfilmentWorkerTests<TDatabase>(TDatabase database, RabbitMqNode rabbit) : FaultTestBase(database), IClassFixture<TDatabase>
    where TDatabase : class, IOrderDatabase
{
    private const string Prefix = "fulfil";
    private const int Copies = 20;
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(120);

    /// <summary>Longer than the worker's first retries (0.1, 0.2, 0.4 s …), shorter than all six (about 2.5 s).</summary>
    private static readonly TimeSpan NetworkDown = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task WorkerSigkilledAndBrokerRestarted_FulfilEveryPlacedOrderOnce_AndNoCancelledOne()
    {
        await rabbit.RequireAsync();
        Assert.SkipUnless(rabbit.CanStopAndStart, $"{RabbitMqNode.BrokerVariable} names a broker this test cannot restart");
        var clock = Stopwatch.StartNew();
        var api = await StartApiAsync(EventSettings(rabbit.Uri));
        // Owners as identity providers write them (a pipe, a space, a non-ASCII letter; a URL with
        // slashes and a percent sign): the worker sends each as one escaped path segment.
        string[] owners = [$"fulfil-{Guid.NewGuid():N}", $"auth0|fulfil ü {Guid.NewGuid():N}", $"https://idp.example.com/users/fulfil%{Guid.NewGuid():N}"];
        // The worker reaches the API through a relay the test can cut, as a network would fail.
        await using var network = new LoopbackRelay("127.0.0.1", api.Port);
        await using var worker = new WorkerProcess(new Uri($"http://127.0.0.1:{network.Port}/"), rabbit.Uri, $"fulfilment-test-{Guid.NewGuid():N}");
        var orders = new FulfilmentOrders(api, owners, Prefix);
        var quarter = Scale.WorkerOrders / 4;
        static bool EveryFourth(int number) => number % 4 == 0;

        // Given the worker's queue bound (its first start), and half the orders placed, every fourth
        // of them cancelled, while the worker is down,
        await worker.StartAsync();
        worker.Kill();
        await orders.PlaceAsync(0, 2 * quarter, EveryFourth);
        var cancelledBeforeWorker = orders.Cancelled.ToHashSet();

        // when the worker starts on that backlog while a quarter more is placed (their cancels racing
        // it, though it is usually still busy with the backlog), is SIGKILLed mid-stream and started
        // again, and its connections to the API are cut for a while as it goes on with the backlog,
        await worker.StartAsync();
        // A cancel 0 to 1.4 s after its 201: some come before the worker's fulfilment, some after.
        var placing = orders.PlaceAsync(2 * quarter, quarter, EveryFourth, number => TimeSpan.FromMilliseconds(number / 4 % 8 * 200));
        var settledAtKills = await KillMidStreamAsync(worker, backlog: 2 * quarter);
        network.Cut();
        await Task.Delay(NetworkDown, TestContext.Current.CancellationToken);
        network.Resume();
        await placing;
        var whileRunning = orders.Cancelled.Except(cancelledBeforeWorker).ToHashSet();

        // and the broker's node restarts while the last quarter is placed,
        var outage = Stopwatch.StartNew();
        await using (var stopped = await rabbit.StopNodeAsync())
        {
            await orders.PlaceAsync(3 * quarter, Scale.WorkerOrders - 3 * quarter, EveryFourth);
            await stopped.EndAsync();
        }
        var brokerDown = outage.Elapsed;

        // Then the worker handles every order.placed event,
        var placed = await FulfilmentChecks.PlacedEventsAsync(Database, orders);
        Assert.Equal(Scale.WorkerOrders, placed.Count);
        Assert.True(await worker.WaitUntilRecordedAsync(placed.Values.Select(e => e.EventId), Settling),
            $"the worker recorded {(await WorkerProcessed.ReadAsync(worker.ProcessedDatabase)).Count} of {placed.Count} events within {Settling}; {worker.Deliveries.Summary()}\n{worker.OutputTail()}");
        var settled = clock.Elapsed;

        // and answers copies of handled events (a relay publishing again) from its file, not the API,
        var copies = placed.Values.Take(Copies).ToList();
        var copyIds = copies.Select(e => e.EventId).ToHashSet();
        var handledBefore = worker.Deliveries.Of(copyIds);
        await PlacedEventMessages.PublishAsync(rabbit.Uri, copies);
        Assert.True(await worker.WaitForAsync(() => worker.Deliveries.Of(copyIds).Count >= handledBefore.Count + Copies, Settling),
            $"{worker.Deliveries.Of(copyIds).Count - handledBefore.Count} of {Copies} copies handled; {worker.Deliveries.Summary()}\n{worker.OutputTail()}");
        var copiesHandled = worker.Deliveries.Of(copyIds).Skip(handledBefore.Count).ToList();
        Assert.True(copiesHandled.All(d => d.Outcome == FulfilmentOutcome.Duplicate),
            $"copies of handled events were not answered from the processed-ids file: {string.Join(", ", copiesHandled.Select(d => d.Outcome))}");

        // and settles an event of an order the API does not have (404 ORDER_NOT_FOUND) without retrying it,
        var missing = PlacedEventMessages.ForMissingOrder(owners[0], $"{Prefix}-missing-{Guid.NewGuid():N}");
        HashSet<Guid> missingId = [missing.EventId];
        await PlacedEventMessages.PublishAsync(rabbit.Uri, [missing]);
        Assert.True(await worker.WaitForAsync(() => worker.Deliveries.Of(missingId).Count > 0, Settling), $"the event of a missing order was not handled\n{worker.OutputTail()}");
        Assert.Equal((FulfilmentOutcome.NotFound, 1), (worker.Deliveries.Of(missingId).Single().Outcome, worker.Deliveries.Of(missingId).Single().Attempts));

        var cancelled = orders.Cancelled;
        var cancelledUnseen = cancelled.Except(whileRunning).ToHashSet(); // while the worker or the broker was down
        var deliveries = worker.Deliveries;
        Report($"fulfilment worker: {placed.Count} orders of {owners.Length} owners, {cancelled.Count} cancelled " +
               $"({cancelledUnseen.Count} before the worker could see them, {whileRunning.Count} while it ran), {orders.CancelsTooLate} cancels after its fulfilment (409 {Problems.Codes.OrderNotCancellable})");
        Report($"fulfilment worker: {settledAtKills.Count} SIGKILL(s) at {string.Join(", ", settledAtKills)} settled deliveries; broker node down and back in {brokerDown.TotalSeconds:F1} s; " +
               $"API unreachable for {NetworkDown.TotalSeconds:F0} s after the last restart; all settled after {settled.TotalSeconds:F1} s");
        Report($"fulfilment worker: {deliveries.Summary()}; {Copies} republished copies answered from the processed-ids file");

        // and every placed, not cancelled order is fulfilled exactly once, by the worker's request,
        // with one order.fulfilled event; no cancelled order is, and none is left placed;
        await FulfilmentChecks.StoredOrdersAsync(Database, orders, cancelled);
        await FulfilmentChecks.CustomersSeeAsync(orders, placed, cancelled);
        // each event settled through the API once (a copy or redelivery after its record never reaches it),
        // some after requests sent again, and recorded with the answer that settled it.
        Assert.Empty(deliveries.SettledTwice);
        Assert.True(deliveries.Retried > 0, $"no fulfil request was sent again, though the network was down for {NetworkDown}: {deliveries.Summary()}");
        var processed = await WorkerProcessed.ReadAsync(worker.ProcessedDatabase);
        Assert.Equal(FulfilmentOutcome.NotFound, processed[missing.EventId]);
        // Every cancelled order's event, those cancelled while the worker or the broker was down included,
        // reached the worker and was settled as cancelled: read from its processed-ids file, not from its
        // log, whose line for a settled delivery a SIGKILL can swallow (its redelivery is then a Duplicate).
        Assert.All(placed, pair => Assert.Contains(processed[pair.Value.EventId],
            cancelled.Contains(pair.Key) ? [FulfilmentOutcome.Cancelled] : new[] { FulfilmentOutcome.Fulfilled, FulfilmentOutcome.AlreadyFulfilled }));
    }

    [Fact]
    public async Task WorkerWithoutTheFulfilmentScope_StopsWithExitCode1_AndLeavesTheEventForTheNextStart()
    {
        await rabbit.RequireAsync();
        var api = await StartApiAsync(EventSettings(rabbit.Uri));
        var owner = $"fulfil-{Guid.NewGuid():N}";
        await using var worker = new WorkerProcess(api.Client.BaseAddress!, rabbit.Uri, $"fulfilment-test-{Guid.NewGuid():N}")
        {
            Token = TestTokens.Mint(owner), // a customer's token: 403 on the fulfil route, which no retry changes
        };
        var orders = new FulfilmentOrders(api, [owner], Prefix);

        // Given a worker whose token lacks the scope, when an order is placed
        await worker.StartAsync();
        await orders.PlaceAsync(0, 1, cancel: _ => false);

        // Then it stops with exit code 1, having recorded nothing,
        Assert.Equal(1, await worker.WaitForExitAsync(Settling));
        Assert.Equal(FulfilmentOutcome.Refused, Assert.Single(worker.Deliveries.All).Outcome);
        Assert.Empty(await WorkerProcessed.ReadAsync(worker.ProcessedDatabase));

        // and the event waits in its queue: started with the service token, the worker fulfils the order.
        worker.Token = TestTokens.MintService();
        await worker.StartAsync();
        var reference = Assert.Single(orders.All).Reference;
        Assert.True(await worker.WaitForAsync(() => worker.Deliveries.Count(FulfilmentOutcome.Fulfilled) == 1, Settling),
            $"the refused event was not fulfilled after the restart; {worker.Deliveries.Summary()}\n{worker.OutputTail()}");
        Assert.Equal(Order.FulfilledStatus, (await TransitionRows.ReadAsync(Database, Prefix, owner))[reference].Status);
        Report($"fulfilment worker without the scope: exit code 1, the event redelivered and fulfilled after a restart with the service token");
    }

    /// <summary>Events on, polling fast and backing off briefly, so the test waits seconds, not minutes.</summary>
    private static Dictionary<string, string> EventSettings(string broker) => new()
    {
        ["Events__Broker"] = broker,
        ["Events__PollIntervalMilliseconds"] = "20",
        ["Events__MaxBackoffSeconds"] = "1",
        ["Events__BatchSize"] = "20",
    };

    /// <summary>SIGKILLs and restarts the worker Scale.WorkerKills times, at even shares of the backlog; returns the settled count at each kill.</summary>
    private static async Task<List<int>> KillMidStreamAsync(WorkerProcess worker, int backlog)
    {
        var settledAtKills = new List<int>();
        for (var kill = 1; kill <= Scale.WorkerKills; kill++)
        {
            var milestone = kill * backlog / (Scale.WorkerKills + 1);
            Assert.True(await worker.WaitForAsync(() => worker.Deliveries.Settled >= milestone, Settling, poll: 10),
                $"the worker settled {worker.Deliveries.Settled} of {milestone} deliveries\n{worker.OutputTail()}");
            worker.Kill();
            var settled = worker.Deliveries.Settled;
            // Mid-stream: events were still waiting for it when it died.
            Assert.True(settled < backlog, $"the kill came after the worker had settled all {backlog} waiting events");
            settledAtKills.Add(settled);
            await worker.StartAsync();
        }
        return settledAtKills;
    }
}

public sealed class SqliteFulfilmentWorkerTests(SqliteDatabase database, RabbitMqNode rabbit) : FulfilmentWorkerTests<SqliteDatabase>(database, rabbit);

public sealed class FulfilmentWorkerTests(PostgreSqlDatabase database, RabbitMqNode rabbit) : FulfilmentWorkerTests<PostgreSqlDatabase>(database, rabbit);
