using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>
/// What the event suites share: they run one after another (one collection), because one of them
/// stops the broker the others publish to.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EventSuite
{
    public const string Name = "OrderEvents";

    /// <summary>
    /// ORDERS_EVENTS_SCALE multiplies the order counts of the event suites (default 1, a size CI runs
    /// in a minute or two); bench/run-event-bench.sh runs them larger and prints what they report.
    /// </summary>
    public static int Scale { get; } =
        int.TryParse(System.Environment.GetEnvironmentVariable("ORDERS_EVENTS_SCALE"), out var scale) && scale is >= 1 and <= 1000 ? scale : 1;

    /// <summary>An owner of its own per test: the collector keeps only that owner's events.</summary>
    public static string NewOwner() => $"events-{Guid.NewGuid():N}";

    /// <summary>Events on, polling fast and backing off briefly, so tests wait seconds, not minutes.</summary>
    public static Dictionary<string, string?> Settings(string broker) => new()
    {
        ["Events:Broker"] = broker,
        ["Events:PollIntervalMilliseconds"] = "20",
        ["Events:MaxBackoffSeconds"] = "1",
        ["RateLimiting:Enabled"] = "false",
    };

    /// <summary>The same as environment variables for an API process, with the database.</summary>
    public static Dictionary<string, string> Environment(IOrderDatabase database, string broker, int batchSize)
    {
        var environment = Settings(broker).ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value!);
        environment["Events__BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in DatabaseSettings.EnvironmentOf(database))
        {
            environment[key] = value;
        }
        environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in TestTokens.Environment)
        {
            environment[key] = value;
        }
        return environment;
    }

    public static void Report(string message) => TestContext.Current.SendDiagnosticMessage(message);
}
