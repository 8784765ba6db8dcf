using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Api.Events;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>
/// A broker restart while the relay's backoff is at its cap: the node stops, orders are placed, the
/// relay fails until it waits 15-30 s between attempts, and the node starts again on the same port.
/// Measured from the moment the port accepts again: the first event published (the database's
/// published_at, the relay's clock), the first delivered, and the backlog drained.
/// </summary>
[Collection(EventSuite.Name)]
public abstract class BrokerRestartContract<TDatabase>(TDatabase database, RabbitMqNode rabbit) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    /// <summary>Issue 24: the relay resumes within 2 s of the broker answering again.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    /// <summary>After its 8th failure in a row the relay waits 15-30 s: the default 30 s cap, with its jitter.</summary>
    private const int FailuresAtTheCap = 8;

    private const int RoundFailedEvent = 22;
    private const int BrokerBackEvent = 24;
    private static readonly int OutageOrders = 20 * EventSuite.Scale;
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Growth = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task BrokerRestarted_WhileTheBackoffIsAtItsCap_TheFirstEventIsPublishedWithin2sOfTheBrokerAccepting()
    {
        await rabbit.RequireAsync();
        Assert.SkipUnless(rabbit.CanStopAndStart, $"{RabbitMqNode.BrokerVariable} names a broker this test cannot restart");
        var owner = EventSuite.NewOwner();
        await using var collector = await EventCollector.StartAsync(rabbit.Uri, owner);
        var logs = new CapturingLoggerProvider();
        var settings = EventSuite.Settings(rabbit.Uri);
        settings["Events:MaxBackoffSeconds"] = "30"; // the default, as deployed
        settings["Logging:LogLevel:Orders.Api.Events"] = "Debug"; // each failed round, with its backoff
        var client = StartFactory(settings, services => services.AddSingleton<ILoggerProvider>(logs))
            .CreateClientWithToken(TestTokens.Mint(owner));
        var load = new OrderLoad();

        // Given a relay that has published ...
        await load.PostAsync(client, OrderRequests.NewReference(), Ct);
        Assert.True(await collector.WaitForDistinctAsync(1, Arrival), "the first event did not arrive");
        Assert.True(await Database.WaitUntilPublishedAsync(owner, Arrival), "the first event is not marked published"); // delivered before its commit

        // ... when the broker's node stops, orders are placed, and the relay fails until its backoff is at the cap ...
        var stoppedAt = DateTime.UtcNow;
        await using var outage = await rabbit.StopNodeAsync();
        await load.PostAllAsync(client, Enumerable.Range(0, OutageOrders).Select(_ => OrderRequests.NewReference()), parallel: 4, Ct);
        Assert.True(await WaitForFailuresAsync(logs, stoppedAt), $"the relay did not fail {FailuresAtTheCap} times in {Growth}");

        // ... and the node starts again on its port
        var restartedAt = Stopwatch.StartNew();
        var accepting = AcceptingPort.FirstAcceptAsync(BrokerAddress.Of(rabbit.Uri), Arrival, Ct);
        await outage.EndAsync();
        var acceptedAt = await accepting;
        var boot = restartedAt.Elapsed;

        // Then every order was accepted, and every event arrives once ...
        Assert.Equal(OutageOrders + 1, load.Count(HttpStatusCode.Created));
        Assert.True(await Database.WaitUntilPublishedAsync(owner, Arrival), "events still pending");
        Assert.True(await collector.WaitForDistinctAsync(OutageOrders + 1, Arrival), $"{collector.Distinct.Count} of {OutageOrders + 1} events arrived");
        var published = (await Database.PublishedTimesAsync(owner)).Where(at => at > stoppedAt).Order().ToList();
        var delivered = collector.Distinct.Select(d => d.ReceivedAt).Where(at => at > stoppedAt).Order().ToList();
        Assert.Equal(OutageOrders, published.Count);
        Assert.Equal(OutageOrders, delivered.Count);

        // ... the first published within the bound of the port accepting, where the backoff would have waited longer
        var backoffLeft = BackoffLeftAt(logs, acceptedAt);
        var firstPublished = published[0] - acceptedAt;
        var woken = logs.Entries.FirstOrDefault(entry => entry.EventId.Id == BrokerBackEvent && entry.At >= stoppedAt)?.At - acceptedAt;
        Assert.True(backoffLeft > Bound, $"the relay's backoff had only {backoffLeft.TotalSeconds:F1} s left when the broker came back: nothing to cut short");
        Assert.True(firstPublished <= Bound,
            $"first event published {firstPublished.TotalSeconds:F2} s after the broker accepted again (the probe woke the relay after {woken?.TotalSeconds:F2} s)");
        Assert.Contains(logs.Entries, entry => entry.EventId.Id == BrokerBackEvent);
        EventSuite.Report(
            $"{Database.Name}: broker node restarted (boot {boot.TotalSeconds:F1} s) after {Failures(logs, stoppedAt)} relay failures; " +
            $"from the port accepting: relay woken {(woken is { } w ? Ms(w) : "n/a")}, first event published {Ms(firstPublished)}, delivered {Ms(delivered[0] - acceptedAt)}; " +
            $"backlog of {OutageOrders} drained (published) {Ms(published[^1] - acceptedAt)}, delivered {Ms(delivered[^1] - acceptedAt)}; " +
            $"without the probe the relay would have waited {backoffLeft.TotalSeconds:F1} s more");
    }

    private static async Task<bool> WaitForFailuresAsync(CapturingLoggerProvider logs, DateTime since)
    {
        var clock = Stopwatch.StartNew();
        while (Failures(logs, since) < FailuresAtTheCap)
        {
            if (clock.Elapsed > Growth)
            {
                return false;
            }
            await Task.Delay(50, Ct);
        }
        return true;
    }

    private static int Failures(CapturingLoggerProvider logs, DateTime since) =>
        logs.Entries.Count(entry => entry.EventId.Id == RoundFailedEvent && entry.At >= since);

    /// <summary>How much longer the relay's last backoff before <paramref name="at"/> would have waited from then.</summary>
    private static TimeSpan BackoffLeftAt(CapturingLoggerProvider logs, DateTime at)
    {
        var last = logs.Entries.Where(entry => entry.EventId.Id == RoundFailedEvent && entry.At <= at).MaxBy(entry => entry.At)
                   ?? throw new InvalidOperationException("no failed round before the broker came back");
        return last.At + TimeSpan.FromMilliseconds(Convert.ToDouble(last.Fields["BackoffMilliseconds"], System.Globalization.CultureInfo.InvariantCulture)) - at;
    }

    private static string Ms(TimeSpan span) => $"{span.TotalMilliseconds:F0} ms";
}
