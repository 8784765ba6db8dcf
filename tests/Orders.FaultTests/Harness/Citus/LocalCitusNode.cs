using System.Globalization;
using Npgsql;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness.Citus;

/// <summary>
/// One node (coordinator or worker) of a <see cref="LocalCitusCluster"/>: a PostgreSQL data directory
/// of its own on a loopback port, with Citus preloaded, that a test can SIGKILL, stop and start.
/// </summary>
public sealed class LocalCitusNode(string name, string dataDirectory, int port)
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    public string Name => name;

    public int Port => port;

    /// <summary>The node's maintenance database, for the fixture's own setup statements.</summary>
    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=60;Pooling=false";

    private static string PgCtl => Path.Combine(LocalCitusInstall.BinDirectory!, "pg_ctl");

    public async Task InitAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        if (PostgreSqlServer.IsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", dataDirectory], SignalTimeout);
        }
        await PostgreSqlServer.RunAsPostgresAsync(Path.Combine(LocalCitusInstall.BinDirectory!, "initdb"),
            ["-D", dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
    }

    /// <remarks>
    /// Citus needs itself preloaded and prepared transactions (its two-phase commits); 300
    /// connections hold three API pools and the coordinator's connections to each worker. fsync and
    /// full-page writes are off for speed: the faults here kill processes, never the machine, and a
    /// killed server's written WAL is in the OS's page cache. synchronous_commit stays on: with it
    /// off an acknowledged commit could still be in the killed server's WAL buffers. wal_level is
    /// logical so that a shard can move while it takes writes (Citus copies it, then replays the
    /// writes made meanwhile through logical replication, and blocks them only for the switch-over).
    /// </remarks>
    public Task StartAsync()
    {
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {dataDirectory} -c shared_preload_libraries=citus " +
                      "-c max_connections=300 -c max_prepared_transactions=100 -c fsync=off -c full_page_writes=off -c wal_level=logical";
        return PostgreSqlServer.RunAsPostgresAsync(PgCtl,
            ["-D", dataDirectory, "-o", options, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "start"]);
    }

    /// <summary>
    /// Starts the node and returns the moment it first completed a connection and a statement (a
    /// little before pg_ctl -w returns): the time from which a client may expect it to serve.
    /// </summary>
    public async Task<DateTime> StartUntilAcceptingAsync()
    {
        var starting = StartAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await AcceptsAsync())
        {
            if (starting.IsFaulted)
            {
                await starting;
            }
            await Task.Delay(25, deadline.Token);
        }
        var accepting = DateTime.UtcNow;
        await starting;
        return accepting;
    }

    /// <summary>Immediate shutdown: every server process quits at once, no checkpoint; the start recovers from WAL.</summary>
    public Task StopImmediatelyAsync() =>
        PostgreSqlServer.RunAsPostgresAsync(PgCtl, ["-D", dataDirectory, "-m", "immediate", "-w", "stop"]);

    /// <summary>
    /// SIGKILL to the postmaster and every process it forked, as the kernel's OOM killer or a lost
    /// host would end them. The postmaster is stopped first so that it forks nothing in between.
    /// </summary>
    public async Task KillAsync()
    {
        var lockFile = Path.Combine(dataDirectory, "postmaster.pid");
        var postmaster = int.Parse(File.ReadLines(lockFile).First(), CultureInfo.InvariantCulture);
        await SignalAsync("STOP", [postmaster]);
        int[] all = [postmaster, .. OwnProcesses.ChildrenOf(postmaster)];
        await SignalAsync("KILL", all);
        using var deadline = new CancellationTokenSource(ExitTimeout);
        while (all.Any(OwnProcesses.IsRunning))
        {
            await Task.Delay(20, deadline.Token);
        }
        // A start refuses to run while the lock file's pid exists, and an unreaped zombie does (this
        // machine's init reaps 1-2 s later, a container's may never): with every process dead, the
        // lock file is a dead server's, and a start after a lost host would not find one either.
        File.Delete(lockFile);
    }

    /// <summary>Whether the node completes a connection and a statement now.</summary>
    public async Task<bool> AcceptsAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 1, CommandTimeout = 1 }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync();
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            return false;
        }
    }

    // kill exits non-zero when one of the processes has already gone (a backend ending its session
    // between the listing and the signal), which is what the signal was for anyway.
    private static Task<(int ExitCode, string StandardOutput, string StandardError)> SignalAsync(string signal, int[] processIds) =>
        ProcessRunner.RunToExitAsync("kill", [$"-{signal}", .. processIds.Select(pid => pid.ToString(CultureInfo.InvariantCulture))], SignalTimeout);
}
