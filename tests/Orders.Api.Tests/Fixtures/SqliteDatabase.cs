using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>A fresh SQLite file per test class, deleted afterwards. SQLite is always available.</summary>
public sealed class SqliteDatabase : IOrderDatabase, IAsyncLifetime
{
    private readonly TempPath _file = TempPaths.Path("sqlite", ".db");

    public StorageProvider Provider => StorageProvider.Sqlite;

    public string Name => "sqlite";

    public string? UnavailableReason => null;

    public string ConnectionString => $"Data Source={_file}";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _file.Dispose();
        return ValueTask.CompletedTask;
    }

    // A directory that does not exist: SQLite cannot open (or create) the file.
    public string UnreachableConnectionString =>
        $"Data Source={Path.Combine(TempPaths.Missing("missing"), "orders.db")}";

    public DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    // BEGIN IMMEDIATE: the held transaction owns the write lock, as a concurrent writer would.
    public Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public async Task<Guid> InsertOrderHeaderAsync(DbConnection connection, DbTransaction transaction, string owner, string clientReference)
    {
        var orderId = Guid.CreateVersion7();
        await connection.ExecuteAsync(
            """
            INSERT INTO orders (order_id, owner_id, client_reference, status, currency, customer_email, total, created_at)
            VALUES (@OrderId, @Owner, @ClientReference, 'placed', 'EUR', 'held@example.com', 0, @CreatedAt)
            """,
            new
            {
                OrderId = orderId.ToString(),
                Owner = owner,
                ClientReference = clientReference,
                CreatedAt = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            },
            transaction);
        return orderId;
    }
}
