using System.Globalization;
using Dapper;
using Npgsql;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness.Citus;

/// <summary>
/// A throwaway 3-node Citus cluster (a coordinator and two workers) of the node fault tests' own,
/// started from the local Citus build (<see cref="LocalCitusInstall"/>), with one database on it set
/// up as docs/operations.md tells an operator to: the extension on every node, the coordinator's
/// host and the workers registered. The API's migrations then distribute the tables. A test may kill
/// a worker or restart the coordinator; ORDERS_TEST_CITUS's shared cluster is never touched.
/// </summary>
public sealed class LocalCitusCluster : NpgsqlOrderDatabase
{
    /// <summary>The coordinator's port; the workers take the next two (and a worker added later the one after). Unset: ports the OS hands out.</summary>
    public const string PortVariable = "ORDERS_FAULT_CITUS_PORT";

    // Made in InitializeAsync, removed with everything in it at the end (or at the process's exit).
    private readonly TempPath _directory = TempPaths.Path("citus");
    private static readonly string[] NodeNames = ["coordinator", "worker1", "worker2"];
    private readonly List<LocalCitusNode> _nodes = [];

    public override string Name => LocalCitusInstall.RequirementName;

    public override string? UnavailableReason => LocalCitusInstall.UnavailableReason;

    public LocalCitusNode Coordinator => _nodes[0];

    public IReadOnlyList<LocalCitusNode> Workers => _nodes.Skip(1).ToList();

    public override async ValueTask InitializeAsync()
    {
        if (UnavailableReason is not null)
        {
            return;
        }
        var ports = Ports();
        _nodes.AddRange(NodeNames.Select((name, i) => new LocalCitusNode(name, Path.Combine(_directory.FullName, name), ports[i])));
        Directory.CreateDirectory(_directory.FullName);
        await Task.WhenAll(_nodes.Select(PrepareAsync));
        ConnectionString = On(Coordinator.AdminConnectionString);
        await using var coordinator = new NpgsqlConnection(ConnectionString);
        await coordinator.ExecuteAsync("SELECT citus_set_coordinator_host('127.0.0.1', @Port)", new { Coordinator.Port });
        foreach (var worker in Workers)
        {
            await coordinator.ExecuteAsync("SELECT citus_add_node('127.0.0.1', @Port)", new { worker.Port });
        }
    }

    /// <summary>
    /// A new server for the cluster to grow onto, with the database and the extension, not yet
    /// registered (<see cref="AddNodeAsync"/>): initdb and a start are seconds of a loaded machine,
    /// and what a test measures is the cluster's growth, not a server's birth. It takes the port
    /// after the others, and is one of <see cref="Workers"/> from now on.
    /// </summary>
    public async Task<LocalCitusNode> StartSpareWorkerAsync()
    {
        var name = $"worker{_nodes.Count}";
        var node = new LocalCitusNode(name, Path.Combine(_directory.FullName, name), NextPort());
        _nodes.Add(node);
        await PrepareAsync(node);
        return node;
    }

    /// <summary>
    /// Registers <paramref name="worker"/> on the coordinator as an operator grows the cluster
    /// (citus_add_node, which also syncs the metadata to it). It holds no shard until one is moved.
    /// </summary>
    public async Task AddNodeAsync(LocalCitusNode worker)
    {
        await using var coordinator = new NpgsqlConnection(ConnectionString);
        await coordinator.ExecuteAsync("SELECT citus_add_node('127.0.0.1', @Port)", new { worker.Port });
    }

    /// <summary>The worker that holds <paramref name="owner"/>'s shard of orders (and so of its lines and events).</summary>
    public async Task<LocalCitusNode> WorkerHoldingAsync(string owner)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        var port = await connection.QuerySingleAsync<int>(
            "SELECT nodeport FROM pg_dist_shard_placement WHERE shardid = get_shard_id_for_distribution_column('orders', @Owner)",
            new { Owner = owner });
        return Workers.Single(worker => worker.Port == port);
    }

    /// <summary>The connection string of <paramref name="node"/>'s copy of the database.</summary>
    public string ConnectionStringOf(LocalCitusNode node) => On(node.AdminConnectionString);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var node in _nodes)
        {
            try
            {
                await node.StopImmediatelyAsync();
            }
            catch (InvalidOperationException)
            {
                // Not running (a test's fault left it down): nothing to stop.
            }
        }
        _directory.Dispose();
    }

    /// <summary>A node's server started, with the test database and the extension in it.</summary>
    private async Task PrepareAsync(LocalCitusNode node)
    {
        await node.InitAsync();
        await node.StartAsync();
        await CreateDatabaseAsync(node.AdminConnectionString);
        await using var connection = new NpgsqlConnection(On(node.AdminConnectionString));
        await connection.ExecuteAsync("CREATE EXTENSION citus");
        // Only a build with libcurl has the setting; it would try to reach citusdata.com.
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_settings WHERE name = 'citus.enable_statistics_collection'") > 0)
        {
            await connection.ExecuteAsync("ALTER SYSTEM SET citus.enable_statistics_collection = off; SELECT pg_reload_conf()");
        }
    }

    private int NextPort() =>
        int.TryParse(Environment.GetEnvironmentVariable(PortVariable), CultureInfo.InvariantCulture, out var first)
            ? first + _nodes.Count
            : PortAllocator.UnusedLoopbackPort();

    private static int[] Ports()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(PortVariable), CultureInfo.InvariantCulture, out var first))
        {
            return [first, first + 1, first + 2];
        }
        // The OS may hand out a port it just took back: three distinct ones, bounded.
        var ports = new HashSet<int>();
        for (var tries = 0; ports.Count < 3 && tries < 100; tries++)
        {
            ports.Add(PortAllocator.UnusedLoopbackPort());
        }
        return [.. ports];
    }
}
