using Dapper;
using Npgsql;
using Orders.FaultTests.Harness;
using Orders.FaultTests.Harness.Citus;

namespace Orders.FaultTests.Faults;

/// <summary>
/// No single way in: the API instances send their requests to the workers (Npgsql's multi-host
/// string, connections spread over both) and only their migrations to the coordinator
/// (ConnectionStrings:OrdersMigrations). Every worker holds Citus's metadata (citus_add_node syncs it),
/// so each can run a create whose shard lies on the other. When the coordinator is SIGKILLed under
/// load, the owners should go on placing orders, with no 500, every answer within the deadline and
/// every ledger exact; how many owners were served while it was down is what the test measures.
/// </summary>
public sealed class CitusEntryThroughWorkersTests(LocalCitusCluster cluster) : CitusLoadTestBase(cluster), IClassFixture<LocalCitusCluster>
{
    [Fact]
    public async Task KillingTheCoordinatorWhileInstancesEnterThroughTheWorkers_OwnersGoOnPlacingOrders_No500_EveryLedgerExact()
    {
        var apis = await StartApisAsync(requests: ThroughTheWorkers());
        var owners = await OwnersOnEveryWorkerAsync("entry");
        await using (var coordinator = new NpgsqlConnection(Cluster.ConnectionString))
        {
            var synced = await coordinator.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_dist_node WHERE groupid <> 0 AND hasmetadata AND metadatasynced");
            Report($"workers holding Citus's metadata: {synced} of {Cluster.Workers.Count}");
        }

        // Given load from owners on both workers, entering through the workers, when the coordinator is SIGKILLed and started again,
        // (asking each instance, just before the coordinator starts again, whether it is ready: a load
        // balancer must not take every instance out because the node only the migrations use is gone),
        var readyWhileDown = new List<int>();
        var run = await RunAsync(apis, owners.Keys, new HashSet<string>(), Cluster.Coordinator.KillAsync, async () =>
        {
            foreach (var api in apis)
            {
                using var ready = await api.Client.GetAsync("/health/ready");
                readyWhileDown.Add((int)ready.StatusCode);
            }
            return await Cluster.Coordinator.StartUntilAcceptingAsync();
        });

        // then every figure is reported before any is asserted,
        var whileDown = run.WhileDown(run.Ledgers.Keys);
        var served = run.Ledgers.Keys.Count(owner => run.WhileDown([owner]).Any(o => o.Answer == Answer.Created));
        Report($"coordinator SIGKILLed {Scale.NodeFaultLoadBefore.TotalSeconds:F0} s into load from {run.Ledgers.Count} owners x " +
               $"{Scale.NodeFaultClientsPerOwner} clients over {apis.Length} APIs entering through the workers, started again " +
               $"{(run.Restarting - run.Down).TotalSeconds:F1} s later: {NodeFaultRun.Counts(run.Outcomes())}");
        Report($"  /health/ready while down: {string.Join(", ", readyWhileDown)}");
        Report($"  while down: {served} of {run.Ledgers.Count} owners placed orders; {NodeFaultRun.Counts(whileDown)}; {AnswerTimes.Of(whileDown)}");

        // and no order is partial, lost or doubled, every lost answer retried to exactly one order,
        await run.AssertLedgersHoldAsync(Database, owner => apis[0].ClientFor(owner, ClientTimeout));
        var times = AnswerTimes.Of(run.Outcomes());
        Report($"  every answer, retries included: {times} (bound {AnswerBound.TotalSeconds:F0} s)");
        Assert.DoesNotContain(run.Outcomes(), o => o.Status == 500);
        Assert.True(times.Max <= AnswerBound, $"an answer took {times.Max.TotalMilliseconds:F0} ms (p99 {times.P99.TotalMilliseconds:F0} ms)");
        Assert.NotEmpty(whileDown);
        Assert.All(readyWhileDown, status => Assert.Equal(200, status));
        Assert.True(served == run.Ledgers.Count, $"while the coordinator was down, {served} of {run.Ledgers.Count} owners placed orders: {NodeFaultRun.Describe(whileDown)}");
    }

    /// <summary>Both workers in one string, the connections spread over them (Load Balance Hosts).</summary>
    private string ThroughTheWorkers()
    {
        var builder = new NpgsqlConnectionStringBuilder(ApiConnectionString(Cluster.ConnectionString))
        {
            Host = string.Join(',', Cluster.Workers.Select(worker => $"127.0.0.1:{worker.Port}")),
            LoadBalanceHosts = true,
        };
        return builder.ConnectionString;
    }
}
