using Dapper;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Storage.SqlServer;

namespace Orders.Bench;

/// <summary>
/// The SQL Server store's statements (<see cref="SqlServerOrderInsert"/>, the store's find) on the
/// store's own connection settings and SqlClient's pool, as the API opens them. Cancel and change are
/// not written for SQL Server on this branch yet: their scenarios run on PostgreSQL only.
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

    public async Task<OrderVersion?> FindVersionAsync(string owner, string clientReference)
    {
        await using var connection = await SqlServerConnections.OpenAsync(_connectionString, default);
        var row = await connection.QuerySingleOrDefaultAsync<OrderVersionRow<Guid>>(
            SqlServerSql.FindOrderVersion, SqlServerParameters.FindOrder(owner, clientReference));
        return row is null ? null : new OrderVersion(row.OrderId, row.Version);
    }

    public Task<TransitionResult> CancelAsync(OrderCancellation cancellation) =>
        throw new NotSupportedException("The raw cancel is not written for SQL Server yet.");

    public Task<TransitionResult> ChangeAsync(OrderChange change) =>
        throw new NotSupportedException("The raw change is not written for SQL Server yet.");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
