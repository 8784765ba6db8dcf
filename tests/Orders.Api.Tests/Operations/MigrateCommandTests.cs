using Dapper;
using Microsoft.Data.Sqlite;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary><c>dotnet Orders.Api.dll migrate</c> as a deployment pipeline runs it.</summary>
public sealed class MigrateCommandTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    [Fact]
    public async Task Migrate_AppliesTheSchemaAndExits0()
    {
        var (exitCode, output) = await ApiProcess.RunToExitAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Orders"] = database.ConnectionString }, Limit, "migrate");

        Assert.True(exitCode == 0, output);
        await using var connection = database.OpenConnection();
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        Assert.Contains("orders", tables);
        Assert.Contains("order_lines", tables);
    }

    [Fact]
    public async Task Migrate_WhenTheDatabaseCannotBeOpened_ExitsNonZero()
    {
        var (exitCode, _) = await ApiProcess.RunToExitAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Orders"] = database.UnreachableConnectionString }, Limit, "migrate");

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Migrate_WithAMigrationsConnectionString_MigratesThatDatabase_NotTheOneRequestsGoTo()
    {
        // The Citus deployment with requests entering through the workers (docs/operations.md): requests
        // go to one place, migrations to another. Here the requests' database cannot even be opened,
        // and the migrations' is a new file no other test of the class migrated.
        using var migrated = TempPaths.Path("migrations-target", ".db");
        var (exitCode, output) = await ApiProcess.RunToExitAsync(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Orders"] = database.UnreachableConnectionString,
                ["ConnectionStrings__OrdersMigrations"] = $"Data Source={migrated.FullName}",
            }, Limit, "migrate");

        Assert.True(exitCode == 0, output);
        await using var connection = new SqliteConnection($"Data Source={migrated.FullName};Pooling=false");
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        Assert.Contains("orders", tables);
    }
}
