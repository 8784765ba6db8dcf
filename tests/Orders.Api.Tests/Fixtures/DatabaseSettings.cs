namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// The settings that point the API at a test database: its provider, its connection string and what
/// its engine declares it needs (<see cref="IOrderDatabase.EngineSettings"/>). One place, so an API
/// started in memory and one started as a process see the same.
/// </summary>
public static class DatabaseSettings
{
    /// <summary>As configuration keys (Storage:Provider), for an in-memory app.</summary>
    public static Dictionary<string, string> Of(IOrderDatabase database)
    {
        var settings = new Dictionary<string, string>(database.EngineSettings)
        {
            ["Storage:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Orders"] = database.ConnectionString,
        };
        return settings;
    }

    /// <summary>As environment variables (Storage__Provider), for an API process.</summary>
    public static Dictionary<string, string> EnvironmentOf(IOrderDatabase database) =>
        Of(database).ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
}
