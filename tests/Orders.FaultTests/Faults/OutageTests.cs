using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 3: the database goes away mid-load and comes back on the same address: PostgreSQL by a fast
/// shutdown and a start, SQL Server by every connection cut at the network (SqlServerOutage). The
/// API must answer 503 STORE_UNAVAILABLE with Retry-After quickly while it is down, and serve again
/// on its own, without a restart, soon after it is back.
/// </summary>
public abstract class OutageTests<TOutage>(TOutage cluster) : FaultTestBase(cluster.Database), IClassFixture<TOutage>
    where TOutage : class, IOutage
{
    private const int RequestBudget = 200_000;
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task StoppingTheDatabaseMidLoad_Gives503sWithinABound_AndTheApiRecoversWithoutARestart()
    {
        TestRequirements.SkipOrFailWhenUnavailable(cluster.Database.Name, cluster.UnavailableReason);
        var api = await StartApiAsync();
        var ledger = new Ledger();
        using var stop = new CancellationTokenSource();
        var load = LoadRunner.RunAsync(ledger, () => api.Client, "outage", Scale.OutageWorkers, RequestBudget, stop.Token);
        var ct = TestContext.Current.CancellationToken;

        // Given load on a healthy database, when it goes away, stays away a while and comes back,
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        await cluster.StopAsync();
        var down = DateTime.UtcNow;
        await Task.Delay(Scale.OutageLength, ct);
        // PostgreSQL accepts connections a little before pg_ctl -w returns: "down" ends when we start it.
        var restarting = DateTime.UtcNow;
        await cluster.StartAsync();
        var up = DateTime.UtcNow;
        await Task.Delay(RecoveryBound + TimeSpan.FromSeconds(1), ct);
        await stop.CancelAsync();
        await load;

        // then while it was down every answer was a quick 503 (never a hang, never a 500),
        var duringOutage = ledger.Outcomes.Where(o => o.StartedUtc >= down && o.AnsweredUtc <= restarting).ToList();
        Assert.NotEmpty(duringOutage);
        Assert.True(duringOutage.All(o => o.Answer == Answer.Unavailable),
            "while down: " + string.Join(", ", duringOutage.GroupBy(o => $"{o.Answer} {o.Status} {o.Code}").Select(g => $"{g.Count()} x {g.Key}")) +
            $"\nthe API's last lines:\n{api.OutputTail()}");
        var slowest503 = ledger.Outcomes.Where(o => o.Answer == Answer.Unavailable).Max(o => o.Elapsed);
        Assert.True(slowest503 < AnswerBound, $"a 503 took {slowest503.TotalMilliseconds:F0} ms");

        // and once it was back, requests succeeded again within the bound, without restarting the API;
        var afterStart = ledger.Outcomes.Where(o => o.StartedUtc >= up).ToList();
        var failuresAfterStart = afterStart.Where(o => !o.Settled).ToList();
        var lastFailure = failuresAfterStart.Select(o => o.AnsweredUtc).DefaultIfEmpty(up).Max();
        var firstSuccess = afterStart.Where(o => o.Settled).Min(o => (DateTime?)o.AnsweredUtc);
        Assert.True(firstSuccess is not null,
            "nothing succeeded after it was back: " + string.Join(", ", afterStart.GroupBy(o => $"{o.Answer} {o.Status} {o.Code}").Select(g => $"{g.Count()} x {g.Key}")) +
            $"\nthe API's last lines:\n{api.OutputTail()}");
        Assert.True(lastFailure - up < RecoveryBound, $"still failing {(lastFailure - up).TotalMilliseconds:F0} ms after the database was back");
        Report($"outage ({cluster.What}): {duringOutage.Count} requests while down, all 503; slowest 503 {slowest503.TotalMilliseconds:F0} ms; " +
               $"after it was back: first success in {(firstSuccess.Value - up).TotalMilliseconds:F0} ms, " +
               (failuresAfterStart.Count == 0 ? "no failure after" : $"{failuresAfterStart.Count} failures, the last {(lastFailure - up).TotalMilliseconds:F0} ms after"));
        Report(ledger.Summary("outage, before retries"));

        // and no order is duplicated or partial, and retrying every 503 or lost answer settles it.
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: false);
        await ledger.RetryUnsettledAsync(api.Client);
        Report(ledger.Summary("outage, after retries"));
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: true);
    }
}

public sealed class OutageTests(OutageCluster cluster) : OutageTests<OutageCluster>(cluster);

public sealed class SqlServerOutageTests(SqlServerOutage outage) : OutageTests<SqlServerOutage>(outage);
