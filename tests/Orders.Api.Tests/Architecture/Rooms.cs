namespace Orders.Api.Tests.Architecture;

/// <summary>
/// The map of docs/architecture.md as data: each room (a folder of src/Orders.Api, and its namespace)
/// with the rooms it may use. Anything not listed is forbidden, so a new room must be placed here,
/// and the arrows can only run one way: the test also fails on any cycle, listed or not.
/// </summary>
internal static class Rooms
{
    public const string Prefix = "Orders.Api.";

    /// <summary>Every room of the API and what it may use; a sub-namespace belongs to the longest room that prefixes it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> MayUse = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // Leaves: they use no room of ours.
        ["Model"] = [],
        ["Observability"] = [],
        ["Configuration"] = [],
        // The wire and the rules of a request.
        ["Contracts"] = ["Model"],
        ["Rules"] = ["Contracts", "Model"],
        // The database side: what a driver's error means (a leaf), the stores' seam, and the providers,
        // which use the room above them, never the other way.
        ["Storage.Errors"] = [],
        ["Storage"] = ["Storage.Errors", "Model", "Observability", "Configuration"],
        ["Storage.PostgreSql"] = ["Storage", "Storage.Errors", "Model", "Observability", "Configuration"],
        ["Storage.Sqlite"] = ["Storage", "Storage.Errors", "Model", "Observability", "Configuration"],
        ["Storage.SqlServer"] = ["Storage", "Storage.Errors", "Model", "Observability", "Configuration"],
        // Who is calling, and how often they may.
        ["Security"] = ["Rules", "Model", "Observability", "Configuration"],
        // The HTTP surface: endpoints read requests and write responses.
        ["Http.Responses"] = ["Contracts", "Model", "Storage", "Storage.Errors", "Security", "Observability", "Configuration"],
        ["Http.Requests"] = ["Http.Responses", "Rules", "Contracts", "Model"],
        ["Http.Endpoints"] = ["Http.Requests", "Http.Responses", "Rules", "Contracts", "Model", "Storage", "Security", "Observability"],
        // Off to the side: they use the core, the core never uses them.
        ["Events"] = ["Storage", "Model", "Observability", "Configuration"],
        ["Health"] = ["Storage", "Observability"],
        ["OpenApi"] = ["Http.Endpoints", "Http.Requests", "Http.Responses", "Security", "Rules", "Contracts", "Model"],
        // The composition root wires every room.
        ["Hosting"] = ["*"],
    };

    /// <summary>The room of a namespace of ours, or null for one outside the API (the framework, the tests).</summary>
    public static string? Of(string? @namespace)
    {
        if (@namespace is null || !@namespace.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var name = @namespace[Prefix.Length..];
        return MayUse.Keys
            .Where(room => name == room || name.StartsWith(room + ".", StringComparison.Ordinal))
            .MaxBy(room => room.Length)
            ?? name;
    }

    public static bool Allows(string from, string to) =>
        from == to || (MayUse.TryGetValue(from, out var allowed) && (allowed.Contains("*") || allowed.Contains(to)));
}
