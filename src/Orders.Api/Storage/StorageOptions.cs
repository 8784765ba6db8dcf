namespace Orders.Api.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Apply the migrations in sql/&lt;dialect&gt;/ when the app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>How often a unit of work is attempted when the database reports a transient fault.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Seconds the whole unit of work of a request may take, retries and backoff included; past it the
    /// answer is 503. Well below the 10-30 s that clients commonly wait, so they hear a 503, not silence.
    /// </summary>
    public int RequestTimeoutSeconds { get; set; } = 8;

    /// <summary>Seconds a client is told to wait (Retry-After) when the store is unavailable.</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>
    /// PostgreSQL, Citus and SQL Server: the most connections one instance holds to the database (the
    /// driver's Max Pool Size, unless the connection string names one). A request that finds them all
    /// busy waits for one, within its deadline, rather than opening a session of its own: a burst on
    /// freshly started instances must not become hundreds of new sessions on one server
    /// (docs/operations.md, Connection pool). 0: the driver's own limit (100).
    /// </summary>
    public int PoolSize { get; set; } = DefaultPoolSize;

    public const int DefaultPoolSize = 16;

    /// <summary>
    /// Seconds an instance may spend, after its start-up migration, opening <see cref="PoolSize"/>
    /// connections and giving each its first statements before /health/ready says ready; past it, it
    /// reports ready with what it has. 0: no warm-up (the pool fills as requests come).
    /// </summary>
    public int WarmUpSeconds { get; set; } = 30;

    /// <summary>
    /// PostgreSQL and Citus: after this many creates, and 8 and 64 times as many, analyze the order tables if their statistics count fewer than half the rows the process created
    /// (a new database), so prepared statements stop planning as on empty tables; 0 leaves it to autovacuum.
    /// </summary>
    public int AnalyzeNewTablesAfterCreates { get; set; } = PostgreSql.PostgreSqlFreshTables.DefaultAnalyzeAfterCreates;
}

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}
