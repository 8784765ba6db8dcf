using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>The real app, in memory, on the given store. Extra settings and services override per test.</summary>
public sealed class OrdersApiFactory(
    StorageProvider provider,
    string connectionString,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public static OrdersApiFactory For(IOrderDatabase database, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null) =>
        new(database.Provider, database.ConnectionString, settings, services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:Orders", connectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }
}
