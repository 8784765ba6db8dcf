using System.Net;
using System.Net.Http.Json;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>
/// CORS on every answer a storefront must read, errors included, for an allowed origin only.
/// </summary>
public sealed class CorsTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private const string Storefront = "http://shop.127.0.0.1.nip.test:5173";
    private const string Stranger = "http://evil.test";

    private static readonly string[] AnswerCodes = ["201", "304", "400", "401", "404", "409", "413", "429", "503"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OrdersApiFactory Factory(string? connectionString = null, Dictionary<string, string?>? extra = null) => new(
        StorageProvider.Sqlite, connectionString ?? database.ConnectionString, new Dictionary<string, string?>(extra ?? [])
        {
            ["Cors:AllowedOrigins:0"] = Storefront,
            ["Storage:MigrateOnStartup"] = connectionString is null ? "true" : "false",
        });

    [Theory]
    [InlineData(Storefront, true)]
    [InlineData(Stranger, false)]
    public async Task Preflight_IsAnsweredForAnAllowedOriginOnly_AndIsCacheable(string origin, bool allowed)
    {
        await using var factory = Factory();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/orders");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");

        var response = await factory.CreateClientWithToken(null).SendAsync(preflight, Ct);

        if (!allowed)
        {
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
            return;
        }
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Storefront, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        var headers = Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        Assert.Contains("authorization", headers, StringComparison.Ordinal);
        Assert.Contains("content-type", headers, StringComparison.Ordinal);
        Assert.Contains("idempotency-key", headers, StringComparison.Ordinal);
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
    }

    [Fact]
    public async Task Preflight_AllowsAChange_PatchWithIfMatchAndMergePatch_ForAStorefront()
    {
        await using var factory = Factory();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/orders/some-reference");
        preflight.Headers.Add("Origin", Storefront);
        preflight.Headers.Add("Access-Control-Request-Method", "PATCH");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");

        var response = await factory.CreateClientWithToken(null).SendAsync(preflight, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("PATCH", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("if-match", Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_AllowsTheConditionalRequestHeaders_ForAStorefront()
    {
        // If-None-Match for polling an order; If-Match for the transitions that follow (issue 34).
        await using var factory = Factory();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/orders/some-reference");
        preflight.Headers.Add("Origin", Storefront);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,if-none-match,if-match");

        var response = await factory.CreateClientWithToken(null).SendAsync(preflight, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var headers = Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        Assert.Contains("if-none-match", headers, StringComparison.Ordinal);
        Assert.Contains("if-match", headers.Replace("if-none-match", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Answers()
    {
        var data = new TheoryData<string, string>();
        foreach (var answer in AnswerCodes)
        {
            data.Add(answer, Storefront);
            data.Add(answer, Stranger);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task EveryAnswer_CarriesCorsHeadersForAnAllowedOrigin_AndNoneForAnother(string expected, string origin)
    {
        var response = await ProvokeAsync(expected, origin);

        Assert.Equal(expected, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (origin == Stranger)
        {
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
            return;
        }
        Assert.Equal(Storefront, Header(response, "Access-Control-Allow-Origin"));
        var exposed = Header(response, "Access-Control-Expose-Headers") ?? "";
        Assert.Contains("Location", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Retry-After", exposed, StringComparison.OrdinalIgnoreCase);
        // Without it a page never sees the tag it must send back in If-None-Match (or If-Match).
        Assert.Contains("ETag", exposed, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpResponseMessage> ProvokeAsync(string answer, string origin)
    {
        var reference = OrderRequests.NewReference();
        await using var factory = answer switch
        {
            "429" => Factory(extra: new() { ["RateLimiting:PermitsPerSecond"] = "1", ["RateLimiting:Burst"] = "1" }),
            "503" => Factory(database.UnreachableConnectionString),
            _ => Factory(),
        };
        var client = factory.CreateClientWithToken(answer == "401" ? null : TestTokens.Mint());
        client.DefaultRequestHeaders.Add("Origin", origin);
        switch (answer)
        {
            case "404":
                return await client.GetAsync($"/orders/{reference}", Ct);
            case "304":
                var placed = await client.PostOrderAsync(OrderRequests.Valid(reference));
                return await client.GetOrderIfNoneMatchAsync(reference, placed.Headers.ETag!.ToString());
            case "400":
                return await client.PostRawAsync("{}");
            case "413":
                return await client.PostRawAsync($"{{\"x\":\"{new string('x', 70_000)}\"}}");
            case "409":
            case "429":
                await client.PostOrderAsync(OrderRequests.Valid(reference));
                return await client.PostAsJsonAsync("/orders", OrderRequests.Valid(reference), Ct);
            default:
                return await client.PostOrderAsync(OrderRequests.Valid(reference));
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
