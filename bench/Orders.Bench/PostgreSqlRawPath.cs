using Npgsql;
using Orders.Api.Orders;
using Orders.Api.Storage;
using Orders.Api.Storage.PostgreSql;

namespace Orders.Bench;

/// <summary>
/// The PostgreSQL store's statements (<see cref="PostgreSqlOrderInsert"/>, the store's find) on the
/// API's own data source settings (automatic preparation), so the comparison is like for like.
/// </summary>
public sealed class PostgreSqlRawPath(string connectionString) : IRawPath
{
    private readonly NpgsqlDataSource _dataSource = PostgreSqlDataSource.Create(connectionString);

    public async Task<CreateOrderResult> CreateAsync(Order order)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await PostgreSqlOrderInsert.CreateAsync(connection, order, default);
    }

    public async Task<Order?> FindAsync(string owner, string clientReference)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await PostgreSqlOrderStore.FindAsync(connection, owner, clientReference, default);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
