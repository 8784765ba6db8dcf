using Npgsql;

[assembly: AssemblyFixture(typeof(Orders.Api.Tests.Fixtures.PostgreSqlServer))]

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// One PostgreSQL server for the whole test run: the one named by ORDERS_TEST_POSTGRES, or else a
/// throwaway cluster started from the local PostgreSQL binaries on 127.0.0.1 and removed afterwards.
/// Each test class then gets its own database on it (<see cref="PostgreSqlDatabase"/>).
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    public const string ConnectionVariable = "ORDERS_TEST_POSTGRES";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private TempPath? _temporaryDirectory;
    private string? _dataDirectory;
    private string? _pgCtl;
    private string[] _startArguments = [];

    /// <summary>Connection string of the server's maintenance database, when available.</summary>
    public string? AdminConnectionString { get; private set; }

    public string? UnavailableReason { get; private set; }

    /// <summary>True for a throwaway cluster, which outage tests may stop and start again.</summary>
    public bool CanStopAndStart => _pgCtl is not null && UnavailableReason is null;

    public async ValueTask InitializeAsync()
    {
        try
        {
            AdminConnectionString = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } given
                ? given
                : await StartThrowawayClusterAsync();
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or NpgsqlException or IOException
                                       or System.ComponentModel.Win32Exception)
        {
            UnavailableReason = ex.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is null || _pgCtl is null)
        {
            return;
        }
        try
        {
            await RunAsPostgresAsync(_pgCtl, ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            _temporaryDirectory?.Dispose();
        }
    }

    private async Task<string> StartThrowawayClusterAsync()
    {
        var binDirectory = BinDirectory ?? throw new InvalidOperationException(BinariesMissing);
        _pgCtl = Path.Combine(binDirectory, "pg_ctl");
        _temporaryDirectory = TempPaths.Directory("pg");
        _dataDirectory = _temporaryDirectory.FullName;
        if (IsRoot)
        {
            // initdb refuses to run as root; the cluster belongs to the postgres user.
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", _dataDirectory], CommandTimeout);
        }

        await RunAsPostgresAsync(Path.Combine(binDirectory, "initdb"),
            ["-D", _dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var port = PortAllocator.UnusedLoopbackPort();
        // Durability is irrelevant for a throwaway test cluster: fsync off makes it fast.
        var serverOptions = $"-p {port} -c listen_addresses=127.0.0.1 -k {_dataDirectory} -c max_connections=400 " +
                            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        _startArguments = ["-D", _dataDirectory, "-o", serverOptions, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60", "start"];
        await StartAsync();
        // No Timeout: the API derives its connect timeout from Storage:RequestTimeoutSeconds (a longer one is refused at start-up).
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>
    /// A database outage: fast shutdown, as an operator or a failover would do it. Sessions are
    /// terminated, open transactions roll back, new connections are refused.
    /// </summary>
    public Task StopAsync() => RunAsPostgresAsync(_pgCtl!, ["-D", _dataDirectory!, "-m", "fast", "-w", "stop"]);

    /// <summary>Starts the cluster again, on the same port, after <see cref="StopAsync"/>.</summary>
    public Task StartAsync() => RunAsPostgresAsync(_pgCtl!, _startArguments);

    /// <summary>Runs a PostgreSQL program as the postgres user when we are root (initdb refuses root).</summary>
    internal static Task<string> RunAsPostgresAsync(string program, IEnumerable<string> arguments) =>
        IsRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], CommandTimeout)
            : ProcessRunner.RunAsync(program, arguments, CommandTimeout);

    internal static bool IsRoot => Environment.UserName == "root";

    /// <summary>Why no cluster can be started from local binaries, or null when it can.</summary>
    public static string? BinariesUnavailableReason => BinDirectory is null ? BinariesMissing : null;

    private static string BinariesMissing =>
        $"no PostgreSQL server binaries (initdb) found under /usr/lib/postgresql; install the postgresql package or set {ConnectionVariable}";

    /// <summary>The newest local server's bin directory (Debian's layout), or null.</summary>
    private static string? BinDirectory { get; } = FindBinDirectory();

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
}
