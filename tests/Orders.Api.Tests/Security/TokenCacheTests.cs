using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orders.Api.Security;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Security;

/// <summary>
/// The app reuses a token's validation (Security/ValidatedTokenCache) and still refuses it the moment
/// the configured signing key that made it valid is replaced; the cache can be turned off.
/// </summary>
public sealed class TokenCacheTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task ATokenAcceptedBefore_IsRefused_OnceItsSigningKeyIsReplacedInConfiguration()
    {
        await using var factory = OrdersApiFactory.For(database);
        var client = factory.CreateClient();
        var reference = OrderRequests.NewReference();
        Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/orders/{reference}", TestContext.Current.CancellationToken)).StatusCode);

        TestTokens.ReplaceSigningKey((IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/orders/{reference}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("0", false)]
    public async Task TheBearerSchemesTokenHandlers_AreCached_UnlessTurnedOff(string? seconds, bool cached)
    {
        await using var factory = OrdersApiFactory.For(database,
            seconds is null ? null : new Dictionary<string, string?> { [TokenCaching.Setting] = seconds });

        var options = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        Assert.NotEmpty(options.TokenHandlers);
        Assert.All(options.TokenHandlers, handler => Assert.Equal(cached, handler is CachingTokenHandler));
    }
}
