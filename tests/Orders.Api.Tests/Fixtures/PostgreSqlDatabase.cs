using System.Data.Common;
using Dapper;
using Npgsql;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>A fresh database on the shared <see cref="PostgreSqlServer"/>, one per test class.</summary>
public sealed class PostgreSqlDatabase(PostgreSqlServer server) : IOrderDatabase, IAsyncLifetime
{
    private readonly string _databaseName = $"orders_test_{Guid.NewGuid():N}";

    public StorageProvider Provider => StorageProvider.PostgreSql;

    public string Name => "postgresql";

    public string? UnavailableReason => server.UnavailableReason;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (server.AdminConnectionString is null || server.UnavailableReason is not null)
        {
            return;
        }
        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            // A database name cannot be a parameter; this one is generated above, never user input.
            await admin.ExecuteAsync($"CREATE DATABASE {_databaseName}");
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = _databaseName }.ToString();
    }

    public ValueTask DisposeAsync()
    {
        // Pools would keep the database busy; the throwaway cluster is removed as a whole anyway.
        NpgsqlConnection.ClearAllPools();
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
}
