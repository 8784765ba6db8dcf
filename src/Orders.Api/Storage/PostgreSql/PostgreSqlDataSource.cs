using System.Data.Common;
using Npgsql;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>The one NpgsqlDataSource of the app (and of bench/Orders.Bench's raw path, so both run alike).</summary>
internal static class PostgreSqlDataSource
{
    /// <summary>
    /// The store sends the same handful of statements all day. Npgsql's automatic preparation makes
    /// each connection prepare them once, so PostgreSQL stops parsing and planning the create's CTE
    /// and the lookup's two selects on every request: on the benchmark machine lookups and duplicates
    /// gained about half again (docs/benchmarks.md). A connection string that sets Max Auto Prepare
    /// itself wins, e.g. 0 behind a pooler that cannot keep prepared statements.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 16;

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!SetsMaxAutoPrepare(connectionString))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        return NpgsqlDataSource.Create(builder);
    }

    // A plain DbConnectionStringBuilder holds only the keys the string names (Npgsql's knows them all);
    // Npgsql accepts the keyword with or without spaces, in any case.
    private static bool SetsMaxAutoPrepare(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Any(key => string.Equals(key.Replace(" ", "", StringComparison.Ordinal), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase));
}
