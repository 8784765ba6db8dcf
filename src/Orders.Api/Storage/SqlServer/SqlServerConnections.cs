using Microsoft.Data.SqlClient;

namespace Orders.Api.Storage.SqlServer;

/// <summary>How the store and the outbox connect to SQL Server.</summary>
internal static class SqlServerConnections
{
    // Application Name lets a DBA tell this app's sessions apart (sys.dm_exec_sessions.program_name).
    // PoolBlockingPeriod: after one failed open SqlClient's pool by default refuses every open to that
    // server for 5 s, doubling up to a minute while failures go on, rethrowing the first error; so
    // after a restart or failover the API would answer 503 long after the server was back. The store
    // retries a bounded number of times with jittered backoff itself (TransientRetry), so nothing
    // storms. Either setting named in the configured connection string wins.
    // Connect Timeout and Command Timeout: derived from the request's deadline unless named, and a
    // named one must fit within it (StoreTimeouts); without timeouts (the outbox, the benchmark),
    // SqlClient's own.
    /// <exception cref="Configuration.ConfigurationMistakeException">A timeout it names is longer than the deadline.</exception>
    /// <param name="connectionString">The configured connection string.</param>
    /// <param name="timeouts">The request's deadline, for the timeouts the string does not name; none: SqlClient's own.</param>
    /// <param name="poolSize">Storage:PoolSize, the Max Pool Size unless the string names one; 0: SqlClient's (100).</param>
    public static string Configure(string connectionString, StoreTimeouts? timeouts = null, int poolSize = 0)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        if (timeouts is not null)
        {
            builder.ConnectTimeout = builder.ShouldSerialize("Connect Timeout")
                ? timeouts.Fit("Connect Timeout", builder.ConnectTimeout)
                : timeouts.ConnectSeconds;
            builder.CommandTimeout = builder.ShouldSerialize("Command Timeout")
                ? timeouts.Fit("Command Timeout", builder.CommandTimeout)
                : timeouts.CommandSeconds;
        }
        if (poolSize > 0 && !builder.ShouldSerialize("Max Pool Size"))
        {
            builder.MaxPoolSize = Math.Max(poolSize, builder.MinPoolSize);
        }
        if (!builder.ShouldSerialize("Application Name"))
        {
            builder.ApplicationName = "Orders.Api";
        }
        if (!builder.ShouldSerialize("Pool Blocking Period"))
        {
            builder.PoolBlockingPeriod = PoolBlockingPeriod.NeverBlock;
        }
        return builder.ConnectionString;
    }

    public static Task<SqlConnection> OpenAsync(string connectionString, CancellationToken ct) =>
        DbConnections.OpenAsync(new SqlConnection(connectionString), ct);
}
