using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// A PostgreSQL cluster of the outage test's own, with one database on it: stopping the run's shared
/// cluster would take every other test's database down with it. The outage is PostgreSQL's fast
/// shutdown and a start on the same port.
/// </summary>
public sealed class OutageCluster : IOutage, IAsyncLifetime
{
    public PostgreSqlServer Server { get; } = new();

    public PostgreSqlDatabase Database { get; private set; } = null!;

    IOrderDatabase IOutage.Database => Database;

    public string What => "PostgreSQL stopped (pg_ctl stop -m fast) and started";

    public Task StopAsync() => Server.StopAsync();

    public Task StartAsync() => Server.StartAsync();

    /// <summary>Null when the cluster can be stopped and started; otherwise why not.</summary>
    public string? UnavailableReason => Server.UnavailableReason
        ?? (Server.CanStopAndStart ? null : $"an outage needs a throwaway cluster, not the server of {PostgreSqlServer.ConnectionVariable}");

    public async ValueTask InitializeAsync()
    {
        await Server.InitializeAsync();
        Database = new PostgreSqlDatabase(Server);
        await Database.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await Server.DisposeAsync();
    }
}
