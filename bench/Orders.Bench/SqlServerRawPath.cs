using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Storage.SqlServer;

namespace Orders.Bench;

/// <summary>
/// The SQL Server store's statements (<see cref="SqlServerOrderInsert"/>, the store's find) on the
/// store's own connection settings and SqlClient's pool, as the API opens them.
/// </summary>
public sealed class SqlServerRawPath(string connectionString) : IRawPath
{
    private readonly string _connectionString = SqlServerConnections.Configure(connectionString);

    public async Task<CreateOrderResult> CreateAsync(Order order)
    {
        await using var connection = await SqlServerConnections.OpenAsync(_connectionString, default);
        return await SqlServerOrderInsert.CreateAsync(connection, order, default);
    }

    public async Task<Order?> FindAsync(string owner, string clientReference)
    {
        await using var connection = await SqlServerConnections.OpenAsync(_connectionString, default);
        return await SqlServerOrderStore.FindAsync(connection, owner, clientReference, default);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
