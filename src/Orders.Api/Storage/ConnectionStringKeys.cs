using System.Data.Common;

namespace Orders.Api.Storage;

/// <summary>The keys a connection string names, so an app default never overrides what an operator set.</summary>
internal static class ConnectionStringKeys
{
    /// <summary>
    /// Lower case without spaces, as the drivers accept a keyword in any case, with or without spaces.
    /// A plain DbConnectionStringBuilder holds only the keys the string names (a driver's knows them all).
    /// </summary>
    public static HashSet<string> Named(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
}
