using System.Net.Http.Headers;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// The configuration a deployment gives the API process: ASPNETCORE_ENVIRONMENT=Production (so no
/// appsettings.Development.json and no user secrets), every setting as an environment variable, the
/// signing key as an operator provides it, and a host culture that is neither English nor invariant
/// (Turkish: dotless i, decimal comma), so nothing may lean on the machine's culture.
/// </summary>
public static class ProductionSettings
{
    public const string HostCulture = "tr_TR.UTF-8";

    public static Dictionary<string, string> For(StorageProvider provider, string connectionString) =>
        new(TestTokens.Environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["LANG"] = HostCulture,
            ["LC_ALL"] = HostCulture,
            ["Storage__Provider"] = provider.ToString(),
            ["ConnectionStrings__Orders"] = connectionString,
        };

    /// <summary>The same for a test database, with the settings its engine declares (<see cref="DatabaseSettings"/>).</summary>
    public static Dictionary<string, string> For(IOrderDatabase database)
    {
        var settings = For(database.Provider, database.ConnectionString);
        foreach (var (key, value) in DatabaseSettings.EnvironmentOf(database))
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>A client for the process carrying <paramref name="token"/>, by default a valid one for <see cref="TestTokens.DefaultOwner"/>.</summary>
    public static HttpClient ClientFor(ApiProcess api, string? token = null) => new()
    {
        BaseAddress = api.BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token ?? TestTokens.Mint()) },
    };
}
