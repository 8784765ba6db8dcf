using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>A fresh database on the shared <see cref="SqlServerServer"/>, one per test class, dropped afterwards.</summary>
public sealed class SqlServerDatabase(SqlServerServer server) : IOrderDatabase, IAsyncLifetime
{
    private readonly string _databaseName = $"orders_test_{Guid.NewGuid():N}";

    public StorageProvider Provider => StorageProvider.SqlServer;

    public string Name => "sqlserver";

    public string? UnavailableReason => server.UnavailableReason;

    /// <summary>The engine under the suites, with its declared differences from SQL Server.</summary>
    public SqlServerEngine Engine => server.Engine;

    public bool SkipsRowsLockedByOthers => server.Engine.SkipsRowsLockedByOthers;


    public IReadOnlyDictionary<string, string> EngineSettings => server.Engine.RequestTimeoutSeconds is { } seconds
        ? new Dictionary<string, string> { ["Storage:RequestTimeoutSeconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }
        : new Dictionary<string, string>();

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (server.AdminConnectionString is null || server.UnavailableReason is not null)
        {
            return;
        }
        await using (var admin = new SqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            // A database name cannot be a parameter; this one is generated above, never user input.
            // The server's default collation and isolation settings are kept: the schema must not need others.
            await admin.ExecuteAsync($"CREATE DATABASE [{_databaseName}]");
        }
        ConnectionString = new SqlConnectionStringBuilder(server.AdminConnectionString) { InitialCatalog = _databaseName }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (ConnectionString.Length == 0)
        {
            return;
        }
        // The server may be a shared one (ORDERS_TEST_SQLSERVER), so the database goes; pooled
        // connections would keep it in use, and ROLLBACK IMMEDIATE ends any a test left open.
        SqlConnection.ClearAllPools();
        await using var admin = new SqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        await SqlServerDatabaseDrop.DropAsync(statement => admin.ExecuteAsync(statement), _databaseName);
    }

    // Nothing listens on a port just released: refused at once. A short connect timeout because
    // SqlClient keeps retrying a refused connect until it expires, and the store makes 3 attempts.
    public string UnreachableConnectionString => ClosedPortConnectionString(PortAllocator.UnusedLoopbackPort());

    /// <summary>A SQL Server connection string to <paramref name="port"/> on loopback, where nothing listens.</summary>
    public static string ClosedPortConnectionString(int port) =>
        $"Server=tcp:127.0.0.1,{port};Database=orders;User ID=sa;Password=unused;Connect Timeout=2;Encrypt=false";

    public DbConnection OpenConnection()
    {
        var connection = new SqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    // A plain transaction at READ COMMITTED: its uncommitted insert holds the key like a concurrent request.
    public async Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);

    public async Task<Guid> InsertOrderHeaderAsync(DbConnection connection, DbTransaction transaction, string owner, string clientReference)
    {
        var orderId = Guid.CreateVersion7();
        var parameters = new DynamicParameters(new { OrderId = orderId, Owner = owner, ClientReference = clientReference });
        parameters.Add("CreatedAt", DateTime.UtcNow, DbType.DateTime2);
        await connection.ExecuteAsync(
            """
            INSERT INTO dbo.orders (order_id, owner_id, client_reference, status, currency, customer_email, total, created_at)
            VALUES (@OrderId, @Owner, @ClientReference, 'placed', 'EUR', 'held@example.com', 0, @CreatedAt)
            """,
            parameters,
            transaction);
        return orderId;
    }
}
