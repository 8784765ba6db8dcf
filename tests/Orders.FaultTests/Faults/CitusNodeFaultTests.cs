using Orders.FaultTests.Harness;
using Orders.FaultTests.Harness.Citus;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 6: a node of a Citus cluster goes away under load and comes back: a worker SIGKILLed (with
/// every process of its server) and started again, or the coordinator stopped at once (pg_ctl -m
/// immediate) and started again. Three API instances, owners whose shards lie on both workers, each
/// owner's clients giving up after 10 s as a storefront would. Whatever the cluster does, a client
/// gets 201, 409 or 503 STORE_UNAVAILABLE with Retry-After within the request deadline (+ 1 s), never
/// a 500 or a hang; the ledger holds; and once the node is back its owners' creates succeed within a
/// bound. On a throwaway cluster of the test's own (<see cref="LocalCitusCluster"/>).
/// </summary>
public sealed class CitusNodeFaultTests(LocalCitusCluster cluster) : CitusLoadTestBase(cluster), IClassFixture<LocalCitusCluster>
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task KillingAWorkerUnderLoad_Answers503NotA500WithinTheDeadline_OtherOwnersGoOn_AndItsOwnersRecover()
    {
        var apis = await StartApisAsync();
        var owners = await OwnersOnEveryWorkerAsync("killed");
        var victim = Cluster.Workers[0];
        var reached = owners.Where(pair => pair.Value == victim).Select(pair => pair.Key).ToHashSet();

        // Given load from owners on both workers, when worker 1 is SIGKILLed and started again,
        var run = await RunAsync(apis, owners.Keys, reached, victim.KillAsync, victim.StartUntilAcceptingAsync);

        // then the owners on the other worker went on placing orders while it was gone,
        var others = run.WhileDown(run.Unreached);
        Report($"  while down, owners on {Cluster.Workers[1].Name}: {NodeFaultRun.Counts(others)}");
        await AssertRunAsync(run, apis, $"{victim.Name} SIGKILLed");
        Assert.True(others.Any(o => o.Answer == Answer.Created), $"owners on the other worker placed nothing: {NodeFaultRun.Describe(others)}");
    }

    [Fact]
    public async Task RestartingTheCoordinatorUnderLoad_Answers503NotA500WithinTheDeadline_AndEveryOwnerRecovers()
    {
        var apis = await StartApisAsync();
        var owners = await OwnersOnEveryWorkerAsync("restarted");

        // Given load from owners on both workers, when the coordinator stops at once and starts again,
        var run = await RunAsync(apis, owners.Keys, owners.Keys.ToHashSet(),
            Cluster.Coordinator.StopImmediatelyAsync, Cluster.Coordinator.StartUntilAcceptingAsync);

        await AssertRunAsync(run, apis, "coordinator stopped (-m immediate)");
    }

    /// <summary>The checks both faults must pass, with every figure reported before any is asserted.</summary>
    private async Task AssertRunAsync(NodeFaultRun run, ApiProcess[] apis, string fault)
    {
        var firstTries = NodeFaultRun.Counts(run.Outcomes());
        var cutOff = run.WhileDown(run.Reached);
        Report($"{fault} {Scale.NodeFaultLoadBefore.TotalSeconds:F0} s into load from {run.Ledgers.Count} owners x " +
               $"{Scale.NodeFaultClientsPerOwner} clients over {apis.Length} APIs, started again {(run.Restarting - run.Down).TotalSeconds:F1} s later " +
               $"(accepting {(run.Accepting - run.Restarting).TotalSeconds:F2} s after that): {firstTries}");
        Report($"  while down, the {run.Reached.Count} owners it cut off: {NodeFaultRun.Counts(cutOff)}; {AnswerTimes.Of(cutOff)}");
        Report($"  recovery: first 201 for them {run.Recovery?.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) ?? "never"} s " +
               $"after it accepted (bound {RecoveryBound.TotalSeconds:F0} s); last failure {run.LastFailureAfterAccepting.TotalSeconds:F2} s after");

        var late = run.Outcomes().Where(o => o.Elapsed > Deadline).ToList();
        Report($"  {late.Count} answer(s) past the {Deadline.TotalSeconds:F0} s deadline" + string.Concat(late.Select(o =>
            $"; {o.Answer} {o.Status} after {o.Elapsed.TotalSeconds:F2} s, sent {(o.StartedUtc - run.Down).TotalSeconds:F2} s after the fault")));

        // The ledger holds: no partial order, every acknowledged order stored, every 409 naming it,
        // no 5xx but 503 STORE_UNAVAILABLE + Retry-After, none past the client's timeout; and every
        // unsettled request, retried, ends as exactly one order.
        await run.AssertLedgersHoldAsync(Database, owner => apis[0].ClientFor(owner, ClientTimeout));
        var times = AnswerTimes.Of(run.Outcomes());
        Report($"  every answer, retries included ({NodeFaultRun.Counts(run.Outcomes().Where(o => o.IsRetry))} on retry): {times} (bound {AnswerBound.TotalSeconds:F0} s)");

        Assert.NotEmpty(cutOff);
        Assert.True(cutOff.All(o => o.Answer == Answer.Unavailable), $"while down, its owners were told: {NodeFaultRun.Describe(cutOff)}");
        Assert.True(run.Recovery is { } recovery && recovery <= RecoveryBound,
            $"first 201 after it accepted: {run.Recovery?.TotalMilliseconds:F0} ms; after it: {NodeFaultRun.Describe(run.Outcomes(run.Reached).Where(o => o.StartedUtc >= run.Accepting))}");
        Assert.True(times.Max <= AnswerBound, $"an answer took {times.Max.TotalMilliseconds:F0} ms (p99 {times.P99.TotalMilliseconds:F0} ms)");
    }
}
