using System.Net;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>A database that cannot be reached is a 503 the client may retry, never a 500 or a hang.</summary>
public abstract class StoreUnavailableContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private HttpClient StartApiOnUnreachableStore() => Keep(new OrdersApiFactory(
        Database.Provider,
        Database.UnreachableConnectionString,
        new Dictionary<string, string?> { ["Storage:MigrateOnStartup"] = "false" })).CreateClient();

    [Fact]
    public async Task Post_WhenTheStoreIsUnreachable_Returns503StoreUnavailableWithRetryAfter()
    {
        StartFactory(); // skips when this provider's database is unavailable altogether
        var client = StartApiOnUnreachableStore();

        var response = await client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal("STORE_UNAVAILABLE", (string?)(await response.ReadJsonAsync())["code"]);
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Data Source", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Host=", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_WhenTheStoreIsUnreachable_Returns503StoreUnavailable_InALookupsWords()
    {
        StartFactory();
        var client = StartApiOnUnreachableStore();

        var response = await client.GetAsync($"/orders/{OrderRequests.NewReference()}", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("STORE_UNAVAILABLE", (string?)problem["code"]);
        ProblemWording.AssertFitsALookup(problem);
    }
}
