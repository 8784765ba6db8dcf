using Dapper;
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
}
