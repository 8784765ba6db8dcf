using System.Data.Common;
using System.Diagnostics;
using Orders.Api.Observability;
using Npgsql;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>The one NpgsqlDataSource of the app (and of bench/Orders.Bench's raw path, so both run alike).</summary>
/// <remarks>
/// Two defaults, each found by profiling the benchmark (docs/benchmarks.md); a connection string
/// that names the setting keeps its own value.
/// </remarks>
internal static class PostgreSqlDataSource
{
    /// <summary>
    /// The store sends the same handful of statements all day. Automatic preparation makes each
    /// connection prepare them once, so PostgreSQL stops parsing and planning the create's inserts and the
    /// lookup's two selects on every request. Set 0 behind a pooler that cannot keep prepared statements.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 16;

    /// <summary>
    /// Npgsql resets a pooled connection's session state (the equivalent of DISCARD ALL, keeping
    /// prepared statements) before it is used again: once per request here.
    /// The store leaves no session state behind (no SET, cursors, LISTEN, advisory locks or temporary
    /// tables; every transaction ends within its unit of work), so the reset is pure cost. The
    /// migrator's advisory lock uses its own connection, outside this data source.
    /// </summary>
    public const bool DefaultNoResetOnClose = true;

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var named = NamedKeys(connectionString);
        if (!named.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        if (!named.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = DefaultNoResetOnClose;
        }
        return new NpgsqlDataSourceBuilder(builder.ConnectionString)
            .ConfigureTracing(tracing => tracing
                // Spans (only while tracing is on: Npgsql's "Npgsql" source has a listener) are named
                // after our statements, and made only inside a trace: the relay's polling makes none.
                .ConfigureCommandFilter(_ => Activity.Current is not null)
                .ConfigureCommandSpanNameProvider(command => StatementNames.Of(command.CommandText))
                .ConfigureBatchSpanNameProvider(batch => StatementNames.OfBatch(batch.BatchCommands.Select((NpgsqlBatchCommand command) => command.CommandText)))
                .EnableFirstResponseEvent(false))
            .Build();
    }

    // A plain DbConnectionStringBuilder holds only the keys the string names (Npgsql's knows them all);
    // Npgsql accepts a keyword with or without spaces, in any case.
    private static HashSet<string> NamedKeys(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
}
