using System.Data.Common;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// One fresh, empty database of one provider, for one test class. The contract suites talk to the
/// database only through this, so a provider is one fixture plus one-line test classes.
/// </summary>
public interface IOrderDatabase
{
    StorageProvider Provider { get; }

    /// <summary>Name used in skip messages and ORDERS_TEST_REQUIRE ("sqlite", "postgresql", "sqlserver").</summary>
    string Name { get; }

    /// <summary>Null when the database is usable; otherwise why not.</summary>
    string? UnavailableReason { get; }

    /// <summary>Connection string of this fixture's database (migrated by the first app start).</summary>
    string ConnectionString { get; }

    DbConnection OpenConnection();

    /// <summary>A connection string of this provider that points at nothing: the store must answer 503.</summary>
    string UnreachableConnectionString { get; }

    /// <summary>
    /// Inserts a bare orders row (no lines) for (owner, clientReference) inside
    /// <paramref name="transaction"/>, so a test can hold the unique key the way a concurrent request
    /// would. Returns the row's order id.
    /// </summary>
    Task<Guid> InsertOrderHeaderAsync(DbConnection connection, DbTransaction transaction, string owner, string clientReference);

    /// <summary>Begins the transaction a test holds open; SQLite needs its write lock taken up front.</summary>
    Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection);

    /// <summary>
    /// A reader that meets a row another transaction holds can pass over it (PostgreSQL's SKIP LOCKED,
    /// SQL Server's READPAST) rather than wait. SQLite has one writer and nothing to skip; a TDS
    /// engine may declare it cannot (<see cref="SqlServerEngine.SkipsRowsLockedByOthers"/>).
    /// </summary>
    bool SkipsRowsLockedByOthers => Provider != StorageProvider.Sqlite;

    /// <summary>
    /// Settings the API needs on this database's engine beyond the product's defaults, as
    /// configuration keys, each declared with its reason by the engine (<see cref="SqlServerEngine.RequestTimeoutSeconds"/>).
    /// </summary>
    IReadOnlyDictionary<string, string> EngineSettings => new Dictionary<string, string>();
}
