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
