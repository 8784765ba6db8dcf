using Microsoft.Data.SqlClient;
using Npgsql;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>
/// A server that answers but has no such database (PostgreSQL 3D000, SQL Server 4060): a mistake in
/// the connection string, so the deployed process ends with one error naming the database and the
/// setting, exit 1, whether it starts (migrating at start) or runs <c>migrate</c>.
/// </summary>
public sealed class MissingDatabaseTests(PostgreSqlServer postgres, SqlServerServer sqlServer)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PostgreSql_DatabaseThatDoesNotExist_Exits1_NamingItAndTheSetting(bool migrateCommand)
    {
        TestRequirements.SkipOrFailWhenUnavailable("postgresql", postgres.UnavailableReason);
        var missing = $"nosuchdb_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.AdminConnectionString) { Database = missing }.ToString();

        var (exitCode, output) = await RunAsync(StorageProvider.PostgreSql, connectionString, migrateCommand);

        StartupOutput.AssertOneClearError(exitCode, output, $"3D000: database \"{missing}\" does not exist");
        Assert.Contains("ConnectionStrings:Orders", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SqlServer_DatabaseThatDoesNotExist_Exits1_NamingItAndTheSetting(bool migrateCommand)
    {
        TestRequirements.SkipOrFailWhenUnavailable("sqlserver", sqlServer.UnavailableReason);
        var missing = $"nosuchdb_{Guid.NewGuid():N}";
        var connectionString = new SqlConnectionStringBuilder(sqlServer.AdminConnectionString) { InitialCatalog = missing }.ConnectionString;

        var (exitCode, output) = await RunAsync(StorageProvider.SqlServer, connectionString, migrateCommand);

        StartupOutput.AssertOneClearError(exitCode, output, missing);
        Assert.Contains("ConnectionStrings:Orders", output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> RunAsync(StorageProvider provider, string connectionString, bool migrateCommand) =>
        migrateCommand
            ? ApiProcess.RunToExitAsync(ProductionSettings.For(provider, connectionString), Limit, "migrate")
            : ApiProcess.RunToExitAsync(ProductionSettings.For(provider, connectionString), Limit,
                "--urls", $"http://127.0.0.1:{PortAllocator.UnusedLoopbackPort()}");
}
