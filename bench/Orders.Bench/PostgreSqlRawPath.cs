using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Storage.PostgreSql;

namespace Orders.Bench;

/// <summary>
/// The PostgreSQL store's statements (<see cref="PostgreSqlOrderInsert"/>, the store's finds,
/// <see cref="PostgreSqlOrderTransition"/> with the store's own statements and parameters) on the
/// API's own data source settings (automatic preparation), so the comparison is like for like, and
/// with the store's first ANALYZE of a new database (<see cref="PostgreSqlFreshTables"/>; the API's
/// setting Storage__AnalyzeNewTablesAfterCreates, read from the environment, 0 to switch it off).
/// </summary>
public sealed class PostgreSqlRawPath : IRawPath
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlFreshTables _freshTables;

    public PostgreSqlRawPath(string connectionString)
    {
        _dataSource = PostgreSqlDataSource.Create(connectionString);
        var options = new StorageOptions();
        if (Environment.GetEnvironmentVariable("Storage__AnalyzeNewTablesAfterCreates") is { } after)
        {
            options.AnalyzeNewTablesAfterCreates = int.Parse(after, System.Globalization.CultureInfo.InvariantCulture);
        }
        _freshTables = new PostgreSqlFreshTables(_dataSource, options, NullLogger<PostgreSqlFreshTables>.Instance);
    }

    public async Task<CreateOrderResult> CreateAsync(Order order)
    {
        CreateOrderResult result;
        await using (var connection = await _dataSource.OpenConnectionAsync())
        {
            result = await PostgreSqlOrderInsert.CreateAsync(connection, order, default);
        }
        if (result is CreateOrderResult.Created)
        {
            _freshTables.OrderCreated();
        }
        return result;
    }

    /// <summary>
    /// Fills the pool with this many connections without touching a table, as a running API's pool is
    /// full: the fresh-database benchmark measures the database's first seconds, not 64 logins at once.
    /// </summary>
    public async Task OpenConnectionsAsync(int count)
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            var connection = await _dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync();
            return connection;
        }));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    public async Task<Order?> FindAsync(string owner, string clientReference)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await PostgreSqlOrderStore.FindAsync(connection, owner, clientReference, default);
    }

    public async Task<OrderVersion?> FindVersionAsync(string owner, string clientReference)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<OrderVersionRow<Guid>>(
            PostgreSqlSql.FindOrderVersion, new { Owner = owner, ClientReference = clientReference });
        return row is null ? null : new OrderVersion(row.OrderId, row.Version);
    }

    // As PostgreSqlOrderStore calls it, events off (the benchmark's default): no event row, as the raw create has none.
    public async Task<TransitionResult> CancelAsync(OrderCancellation cancellation)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await PostgreSqlOrderTransition.RunAsync(connection, PostgreSqlSql.CancelOrder, TransitionParameters.Of(cancellation),
            cancellation.Owner, cancellation.ClientReference, cancellation.ChangeId, transitionEvent: null, default);
    }

    public async Task<TransitionResult> ChangeAsync(OrderChange change)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await PostgreSqlOrderTransition.RunAsync(connection, PostgreSqlSql.ChangeOrder, TransitionParameters.Of(change),
            change.Owner, change.ClientReference, change.ChangeId, transitionEvent: null, default);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
