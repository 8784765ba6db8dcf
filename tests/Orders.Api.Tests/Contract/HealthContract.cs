using System.Net;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>/health/live and /health/ready with the database up and down.</summary>
public abstract class HealthContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task Ready_WithTheDatabaseUpAndMigrated_Returns200()
    {
        var client = StartApi();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task Ready_WithTheDatabaseDown_Returns503_WhileLiveStays200()
    {
        StartFactory(); // skips when this provider is unavailable altogether
        using var factory = new OrdersApiFactory(Database.Provider, Database.UnreachableConnectionString,
            new Dictionary<string, string?> { ["Storage:MigrateOnStartup"] = "false" });
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
    }
}
