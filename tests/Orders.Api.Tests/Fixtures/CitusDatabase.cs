using Dapper;
using Npgsql;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// A fresh database on every node of the <see cref="CitusCluster"/>, one per test class: the citus
/// extension in each, the coordinator and workers registered in it, and no tables. The app's
/// migrations then distribute the tables, exactly as on a production cluster. Dropped afterwards.
/// </summary>
public sealed class CitusDatabase(CitusCluster cluster) : NpgsqlOrderDatabase
{
    private readonly List<string> _created = [];

    public override string Name => "citus";

    public override string? UnavailableReason => cluster.UnavailableReason;

    public override async ValueTask InitializeAsync()
    {
        if (cluster.UnavailableReason is not null)
        {
            return;
        }
        // Citus does not create a database on the workers for us: each node gets its own copy.
        foreach (var node in cluster.Nodes)
        {
            var admin = cluster.ConnectionStringOf(node);
            await CreateDatabaseAsync(admin);
            _created.Add(admin);
            await using var connection = new NpgsqlConnection(On(admin));
            await connection.ExecuteAsync("CREATE EXTENSION citus");
        }
        ConnectionString = On(cluster.CoordinatorConnectionString!);
        await using var coordinator = new NpgsqlConnection(ConnectionString);
        var self = cluster.Nodes.Single(n => n.IsCoordinator);
        await coordinator.ExecuteAsync("SELECT citus_set_coordinator_host(@Host, @Port)", new { self.Host, self.Port });
        foreach (var worker in cluster.Nodes.Where(n => !n.IsCoordinator))
        {
            await coordinator.ExecuteAsync("SELECT citus_add_node(@Host, @Port)", new { worker.Host, worker.Port });
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // The cluster outlives the run, so its test databases do not: FORCE ends Citus's own sessions.
        foreach (var admin in _created)
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)");
        }
    }
}
