using Dapper;
using Npgsql;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// Freezes a test cluster with SIGSTOP (postmaster and every backend) and thaws it with SIGCONT: a
/// database that still accepts TCP connections (the kernel completes the handshake) but never
/// answers, as a hung host or a stalled disk looks to a client. Only the test's own cluster.
/// </summary>
public sealed class PostgreSqlFreezer
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);
    private readonly string[] _processIds;

    private PostgreSqlFreezer(string[] processIds) => _processIds = processIds;

    public static async Task<PostgreSqlFreezer> FreezeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The data directory's postmaster.pid starts with the postmaster's pid; pg_stat_activity lists
        // every other server process (client backends and background workers) but our own, which ends
        // when this connection closes.
        var postmaster = (await connection.QuerySingleAsync<string>("SELECT pg_read_file('postmaster.pid')")).Split('\n')[0];
        var others = await connection.QueryAsync<int>("SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()");
        var freezer = new PostgreSqlFreezer([postmaster, .. others.Select(pid => pid.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        await connection.CloseAsync();
        await freezer.SignalAsync("STOP");
        return freezer;
    }

    public Task ThawAsync() => SignalAsync("CONT");

    private Task<string> SignalAsync(string signal) => ProcessRunner.RunAsync("kill", [$"-{signal}", .. _processIds], SignalTimeout);
}
