using Npgsql;

namespace Orders.FaultTests.Harness.Citus;

/// <summary>
/// What every test of a Citus cluster under load shares: three API processes with the issue's
/// operator settings, owners chosen by the worker their shard lies on, each owner's clients giving
/// up after 10 s as a storefront would, and a warm-up before anything is measured.
/// </summary>
public abstract class CitusLoadTestBase(LocalCitusCluster cluster) : FaultTestBase(cluster)
{
    protected const int Instances = 3;
    protected const int OwnersPerWorker = 2;
    protected static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(10);
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);
    protected static readonly TimeSpan AnswerBound = Deadline + TimeSpan.FromSeconds(1);

    protected LocalCitusCluster Cluster => cluster;

    /// <summary>The cluster's own string, made into one an operator would give the API (see <see cref="StartApisAsync"/>).</summary>
    protected static string ApiConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true, Timeout = 3, CommandTimeout = 5 }.ConnectionString;

    /// <remarks>
    /// The operator settings on a pooled connection. The cluster's own string is the
    /// harness's, unpooled so that its setup connections never outlive a statement; handed to the
    /// APIs as it was, it made every request log in anew (a fork, a TLS handshake and Citus's start-up
    /// on the coordinator, and new connections from there to the workers), and at full size that alone
    /// overloaded two cores before any node was touched.
    /// The migrations run on the coordinator through the cluster's own string (ConnectionStrings:OrdersMigrations):
    /// its 60 s statements, not the requests' 5 s. Three instances start at once and two wait on the
    /// migration lock while the first distributes the tables; a wait or a statement past 5 s counts
    /// as an unreachable server and postpones the migration (retried after 2, 4, 8 … s). On a machine
    /// at load 48 an instance was not ready within the harness's 60 s that way (2026-12-07).
    /// </remarks>
    /// <param name="requests">ConnectionStrings:Orders, where requests go; by default the coordinator's pooled string.</param>
    protected async Task<ApiProcess[]> StartApisAsync(string? requests = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orders"] = requests ?? ApiConnectionString(cluster.ConnectionString),
            ["ConnectionStrings__OrdersMigrations"] = cluster.ConnectionString,
        };
        return await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => StartApiAsync(settings)));
    }

    /// <summary>Owners named after the test, <see cref="OwnersPerWorker"/> of them on each worker (where their shards lie, asked of Citus).</summary>
    protected async Task<Dictionary<string, LocalCitusNode>> OwnersOnEveryWorkerAsync(string prefix)
    {
        var owners = new Dictionary<string, LocalCitusNode>();
        for (var n = 0; n < 200 && owners.Count < OwnersPerWorker * cluster.Workers.Count; n++)
        {
            var owner = $"{prefix}-owner-{n}";
            var worker = await cluster.WorkerHoldingAsync(owner);
            if (owners.Values.Count(w => w == worker) < OwnersPerWorker)
            {
                owners[owner] = worker;
            }
        }
        Assert.Equal(OwnersPerWorker * cluster.Workers.Count, owners.Count);
        return owners;
    }

    /// <summary>
    /// The same number of clients, for an owner of its own, before the measured load: the issue's
    /// operator killed a worker under APIs that were serving, not under three processes started a
    /// moment before. A cold start is a different thing from a node fault; its figures are reported
    /// here (and only a 500 fails it), so that they stay in sight without being counted as the fault's.
    /// </summary>
    protected static async Task WarmUpAsync(ApiProcess[] apis, int clients, CancellationToken ct)
    {
        var owner = $"warm-up-{Guid.NewGuid():N}";
        await using var warmUp = OwnerLoad.Start(apis, [owner], "warm-up", clients, ClientTimeout);
        await Task.Delay(Scale.NodeFaultWarmUp, ct);
        await warmUp.StopAsync();
        var outcomes = warmUp.Ledgers[owner].Outcomes;
        Report($"  warm-up ({Scale.NodeFaultWarmUp.TotalSeconds:F0} s, {clients} clients, not the fault's figures): {NodeFaultRun.Counts(outcomes)}; {AnswerTimes.Of(outcomes)}");
        Assert.DoesNotContain(outcomes, o => o.Status == 500);
    }

    /// <summary>
    /// Load from <paramref name="owners"/> on the APIs (after a warm-up); <paramref name="takeDown"/>
    /// once it has run a while, <paramref name="bringBack"/> after the node was down a while; more load,
    /// then what every owner was told. <paramref name="reached"/>: the owners the fault is expected to cut off.
    /// </summary>
    protected static async Task<NodeFaultRun> RunAsync(
        ApiProcess[] apis, IEnumerable<string> owners, IReadOnlySet<string> reached, Func<Task> takeDown, Func<Task<DateTime>> bringBack)
    {
        var ct = TestContext.Current.CancellationToken;
        await WarmUpAsync(apis, owners.Count() * Scale.NodeFaultClientsPerOwner, ct);
        await using var load = OwnerLoad.Start(apis, owners, "node", Scale.NodeFaultClientsPerOwner, ClientTimeout);
        await Task.Delay(Scale.NodeFaultLoadBefore, ct);
        await takeDown();
        var down = DateTime.UtcNow;
        await Task.Delay(Scale.NodeFaultDown, ct);
        var restarting = DateTime.UtcNow;
        var accepting = await bringBack();
        await Task.Delay(Scale.NodeFaultLoadAfter, ct);
        await load.StopAsync();
        return new NodeFaultRun(load.Ledgers, reached, down, restarting, accepting);
    }
}
