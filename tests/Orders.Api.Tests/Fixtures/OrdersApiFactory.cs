using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// The real app, in memory, on the given store, trusting <see cref="TestTokens"/>. Its clients carry
/// a token for <see cref="TestTokens.DefaultOwner"/> unless a test asks for another owner or none.
/// Extra settings and services override per test.
/// </summary>
public sealed class OrdersApiFactory(
    StorageProvider provider,
    string connectionString,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public static OrdersApiFactory For(IOrderDatabase database, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null) =>
        new(database.Provider, database.ConnectionString, WithEngineSettings(database, settings), services);

    // The test's own settings win over what the engine declares.
    private static Dictionary<string, string?> WithEngineSettings(IOrderDatabase database, IReadOnlyDictionary<string, string?>? settings)
    {
        var merged = database.EngineSettings.ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        return merged;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:Orders", connectionString);
        // Every in-process test starts an app of its own: warming Storage:PoolSize sessions for each would
        // multiply the suites' connections by it. The warm-up is tested where it is on: PoolWarmUpContract,
        // and every process started with production settings (the smoke and fault tests).
        builder.UseSetting("Storage:WarmUpSeconds", "0");
        foreach (var (key, value) in TestTokens.Settings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Mint());
    }

    /// <summary>A client whose requests carry <paramref name="token"/>, or no Authorization header when null.</summary>
    public HttpClient CreateClientWithToken(string? token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
