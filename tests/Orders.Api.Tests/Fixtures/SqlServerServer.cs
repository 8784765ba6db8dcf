using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

[assembly: AssemblyFixture(typeof(Orders.Api.Tests.Fixtures.SqlServerServer))]

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// One SQL Server for the whole test run: the one named by ORDERS_TEST_SQLSERVER, or else a
/// throwaway container. Without either, <see cref="UnavailableReason"/> says why and the SQL Server
/// suites skip (or fail, under ORDERS_TEST_REQUIRE=sqlserver). Each test class then gets its own
/// database on it (<see cref="SqlServerDatabase"/>).
/// </summary>
public sealed class SqlServerServer : IAsyncLifetime
{
    public const string ConnectionVariable = "ORDERS_TEST_SQLSERVER";

    /// <summary>Pinned, so a run today and a run next year test the same engine build (SQL Server 2022).</summary>
    public const string Image = "mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04";

    private MsSqlContainer? _container;

    /// <summary>Connection string of the server's master database, when available.</summary>
    public string? AdminConnectionString { get; private set; }

    public string? UnavailableReason { get; private set; }

    /// <summary>SQL Server, or the TDS engine standing in for it (its declared differences).</summary>
    public SqlServerEngine Engine { get; private set; } = SqlServerEngine.SqlServer;

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } given)
        {
            await UseGivenServerAsync(given);
            return;
        }
        try
        {
            _container = new MsSqlBuilder(Image).Build();
            await _container.StartAsync();
            AdminConnectionString = _container.GetConnectionString();
        }
        catch (DockerUnavailableException)
        {
            // Testcontainers' own message is a paragraph of Docker advice; that Docker is missing is the point.
            UnavailableReason = $"no Docker, and {ConnectionVariable} is not set";
        }
#pragma warning disable CA1031 // Whatever stops the container (image pull, port, start-up) means the same: no server.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            UnavailableReason = $"Docker unavailable: could not start {Image}: {ex.GetType().Name}: {FirstLine(ex.Message)} (or set {ConnectionVariable})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    // Testcontainers' messages run to several lines of advice; the first says what happened, and it is
    // repeated in every skipped test's output.
    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd();

    private async Task UseGivenServerAsync(string connectionString)
    {
        try
        {
            await using var connection = new SqlConnection(connectionString);
            await connection.OpenAsync();
            await using var version = new SqlCommand("SELECT @@VERSION", connection);
            Engine = SqlServerEngine.FromVersion((string)(await version.ExecuteScalarAsync())!);
            AdminConnectionString = connectionString;
        }
        catch (Exception ex) when (ex is SqlException or InvalidOperationException or ArgumentException)
        {
            // ArgumentException: a malformed connection string. The message never repeats the password.
            UnavailableReason = $"{ConnectionVariable} is set but the server cannot be used: {ex.Message}";
        }
    }
}
