using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

public sealed class PendingMigrationsTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Ready_WhenMigrationsArePending_Returns503_AndAfterMigrating200()
    {
        var settings = new Dictionary<string, string?> { ["Storage:MigrateOnStartup"] = "false" };
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.ConnectionString, settings);
        var client = factory.CreateClient();

        var before = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        factory.Services.GetRequiredService<IDatabaseMigrator>().Migrate();
        var after = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
