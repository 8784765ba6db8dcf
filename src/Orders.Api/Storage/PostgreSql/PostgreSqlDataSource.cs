using System.Diagnostics;
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

    /// <param name="connectionString">The configured connection string.</param>
    /// <param name="timeouts">The app's deadline, for the connect and command timeouts the string does
    /// not name (<see cref="StoreTimeouts"/>); none: Npgsql's own (the benchmark's raw path).</param>
    public static NpgsqlDataSource Create(string connectionString, StoreTimeouts? timeouts = null) =>
        ForConfigured(Configure(connectionString, timeouts));

    /// <summary>The connection string the data source uses: the app's defaults where the string names none.</summary>
    /// <exception cref="Configuration.ConfigurationMistakeException">A timeout it names is longer than the deadline.</exception>
    /// <param name="connectionString">The configured connection string.</param>
    /// <param name="timeouts">The request's deadline, for the timeouts the string does not name; none: Npgsql's own.</param>
    /// <param name="poolSize">Storage:PoolSize, the Maximum Pool Size unless the string names one; 0: Npgsql's (100).</param>
    public static string Configure(string connectionString, StoreTimeouts? timeouts, int poolSize = 0)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var named = ConnectionStringKeys.Named(connectionString);
        if (timeouts is not null)
        {
            builder.Timeout = named.Contains("timeout") ? timeouts.Fit("Timeout", builder.Timeout) : timeouts.ConnectSeconds;
            builder.CommandTimeout = named.Contains("commandtimeout")
                ? timeouts.Fit("Command Timeout", builder.CommandTimeout)
                : timeouts.CommandSeconds;
        }
        if (poolSize > 0 && !named.Contains("maxpoolsize") && !named.Contains("maximumpoolsize"))
        {
            builder.MaxPoolSize = Math.Max(poolSize, builder.MinPoolSize);
        }
        if (!named.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        if (!named.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = DefaultNoResetOnClose;
        }
        return builder.ConnectionString;
    }

    /// <summary>The data source for a string <see cref="Configure"/> made (the app's <see cref="OrdersConnectionString.Store"/>).</summary>
    public static NpgsqlDataSource ForConfigured(string connectionString) =>
        new NpgsqlDataSourceBuilder(connectionString)
            .ConfigureTracing(tracing => tracing
                // Spans (only while tracing is on: Npgsql's "Npgsql" source has a listener) are named
                // after our statements, and made only inside a trace: the relay's polling makes none.
                .ConfigureCommandFilter(_ => Activity.Current is not null)
                .ConfigureCommandSpanNameProvider(command => StatementNames.Of(command.CommandText))
                .ConfigureBatchSpanNameProvider(batch => StatementNames.OfBatch(batch.BatchCommands.Select((NpgsqlBatchCommand command) => command.CommandText)))
                .EnableFirstResponseEvent(false))
            .Build();
}
