using System.Data.Common;
using Dapper;
using Npgsql;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// What a fresh PostgreSQL-protocol database gives the suites, whichever server holds it: a plain
/// PostgreSQL (<see cref="PostgreSqlDatabase"/>) or a Citus cluster (<see cref="CitusDatabase"/>).
/// </summary>
public abstract class NpgsqlOrderDatabase : IOrderDatabase, IAsyncLifetime
{
    protected string DatabaseName { get; } = $"orders_test_{Guid.NewGuid():N}";

    public StorageProvider Provider => StorageProvider.PostgreSql;

    public abstract string Name { get; }

    public abstract string? UnavailableReason { get; }

    public string ConnectionString { get; protected set; } = "";

    public abstract ValueTask InitializeAsync();

    public virtual ValueTask DisposeAsync()
    {
        // Pools would keep the database busy.
        NpgsqlConnection.ClearAllPools();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    // Nothing listens on a port we just released; connecting fails at once with "connection refused".
    public string UnreachableConnectionString =>
        $"Host=127.0.0.1;Port={PortAllocator.UnusedLoopbackPort()};Username=postgres;Database=orders;Timeout=5";

    public DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public async Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection) =>
        await connection.BeginTransactionAsync();

    public async Task<Guid> InsertOrderHeaderAsync(DbConnection connection, DbTransaction transaction, string owner, string clientReference)
    {
        var orderId = Guid.CreateVersion7();
        await connection.ExecuteAsync(
            """
            INSERT INTO orders (order_id, owner_id, client_reference, status, currency, customer_email, total, created_at)
            VALUES (@OrderId, @Owner, @ClientReference, 'placed', 'EUR', 'held@example.com', 0, @CreatedAt)
            """,
            new { OrderId = orderId, Owner = owner, ClientReference = clientReference, CreatedAt = DateTime.UtcNow },
            transaction);
        return orderId;
    }

    /// <summary>Creates <see cref="DatabaseName"/> through <paramref name="adminConnectionString"/>.</summary>
    protected async Task CreateDatabaseAsync(string adminConnectionString)
    {
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        // A database name cannot be a parameter; this one is generated above, never user input.
        await admin.ExecuteAsync($"CREATE DATABASE {DatabaseName}");
    }

    protected string On(string adminConnectionString) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = DatabaseName }.ToString();
}
