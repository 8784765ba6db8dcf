using Dapper;
using Npgsql;

[assembly: AssemblyFixture(typeof(Orders.Api.Tests.Fixtures.CitusCluster))]

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// The Citus cluster named by ORDERS_TEST_CITUS (a coordinator's connection string), for the whole
/// test run. Nothing here starts one: without the variable the Citus tests skip with the reason, or
/// fail under ORDERS_TEST_REQUIRE=citus. Each test class gets its own database on every node
/// (<see cref="CitusDatabase"/>).
/// </summary>
public sealed class CitusCluster : IAsyncLifetime
{
    public const string ConnectionVariable = "ORDERS_TEST_CITUS";

    /// <summary>The coordinator's connection string, as given.</summary>
    public string? CoordinatorConnectionString { get; private set; }

    /// <summary>Every node as the coordinator knows it: the coordinator first, then the workers.</summary>
    public IReadOnlyList<CitusNode> Nodes { get; private set; } = [];

    public string? UnavailableReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is not { Length: > 0 } given)
        {
            UnavailableReason = $"{ConnectionVariable} is not set";
            return;
        }
        try
        {
            await using var connection = new NpgsqlConnection(given);
            await connection.OpenAsync();
            // Group 0 is the coordinator; it must be registered (citus_set_coordinator_host) so that
            // each test database can register it the same way.
            var nodes = (await connection.QueryAsync<CitusNode>(
                """
                SELECT nodename AS Host, nodeport AS Port, groupid = 0 AS IsCoordinator
                FROM pg_dist_node
                WHERE isactive AND noderole = 'primary'
                ORDER BY groupid
                """)).ToList();
            UnavailableReason = nodes.Count(n => n.IsCoordinator) != 1 || !nodes.Any(n => !n.IsCoordinator)
                ? $"{ConnectionVariable} names a database whose Citus metadata lacks a registered coordinator or any worker"
                : null;
            CoordinatorConnectionString = given;
            Nodes = nodes;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            UnavailableReason = $"{ConnectionVariable}: {ex.Message}";
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The given connection string pointed at <paramref name="node"/> (same user, same database).</summary>
    public string ConnectionStringOf(CitusNode node) =>
        new NpgsqlConnectionStringBuilder(CoordinatorConnectionString) { Host = node.Host, Port = node.Port }.ToString();
}

/// <summary>A node of the cluster, as pg_dist_node lists it.</summary>
public sealed record CitusNode(string Host, int Port, bool IsCoordinator);
