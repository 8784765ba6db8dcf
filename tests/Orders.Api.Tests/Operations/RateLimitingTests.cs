using System.Net;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>Per-owner rate limiting: one owner's burst never slows another owner down.</summary>
public sealed class RateLimitingTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task AnOwnerOverItsRate_Gets429ProblemWithRetryAfter_WhileAnotherOwnerIsServed()
    {
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.ConnectionString, new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerSecond"] = "1",
            ["RateLimiting:Burst"] = "2",
        });
        var ada = factory.CreateClient();
        var grace = factory.CreateClientWithToken(TestTokens.Mint("owner-grace"));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 4 && limited is null; i++)
        {
            var response = await ada.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()));
            statuses.Add(response.StatusCode);
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }
        var graceResponse = await grace.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()));

        Assert.NotNull(limited);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], statuses.Take(2));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RATE_LIMITED", (string?)(await limited.ReadJsonAsync())["code"]);
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Equal(HttpStatusCode.Created, graceResponse.StatusCode);
    }

    [Fact]
    public async Task AServiceTokenWithoutASubject_IsLimitedToo()
    {
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.ConnectionString, new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerSecond"] = "1",
            ["RateLimiting:Burst"] = "2",
        });
        var service = factory.CreateClientWithToken(TestTokens.MintService(subject: null));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await service.FulfilOrderAsync(TestTokens.DefaultOwner, OrderRequests.NewReference())).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], statuses.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(2));
    }
}
