using System.Data;
using Dapper;
using Microsoft.Data.SqlClient;
using Orders.Api.Events;
using Orders.Api.Orders;

namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// SQL Server store: each create is one short READ COMMITTED transaction with XACT_ABORT on. A
/// duplicate is the unique key's 2627/2601, answered by reading the committed winner afterwards.
/// </summary>
internal sealed class SqlServerOrderStore(OrdersConnectionString connectionString, TransientRetryPolicy retryPolicy, OrderEventFactory events)
    : IOrderStore
{
    private readonly string _connectionString = SqlServerConnections.Configure(connectionString.Value);

    // SqlClient's own retry logic never retries inside a transaction, so the whole unit is retried here.
    private readonly TransientRetry _retry = retryPolicy.For(SqlServerErrors.IsTransient);

    public Task<CreateOrderResult> CreateAsync(Order order, CancellationToken cancellationToken)
    {
        if (!SqlServerParameters.FitsClientReference(order.ClientReference))
        {
            // The API validates references first; this stops any other caller from having one altered.
            throw new ArgumentException("A client reference must be 1-100 ASCII characters.", nameof(order));
        }
        var placed = events.PlacedFor(order);
        return RunAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            // After a refused insert, a new statement outside the failed transaction sees the winner's
            // commit that the insert waited for (with READ_COMMITTED_SNAPSHOT too: its snapshot starts
            // after that commit).
            return await CreateOrderResult.InsertOrReadExistingAsync(
                order,
                () => TryInsertAsync(connection, order, placed, ct),
                () => FindAsync(connection, order.Owner, order.ClientReference, ct));
        }, cancellationToken);
    }

    public Task<Order?> FindAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
        !SqlServerParameters.FitsClientReference(clientReference)
            ? Task.FromResult<Order?>(null) // no such reference can have been stored
            : RunAsync(async ct =>
            {
                await using var connection = await OpenAsync(ct);
                return await FindAsync(connection, owner, clientReference, ct);
            }, cancellationToken);

    public Task<IReadOnlyList<Order>> ListAsync(string owner, OrderPosition? after, int limit, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            var headers = (await connection.QueryAsync<OrderHeaderRow<Guid, DateTime>>(new CommandDefinition(
                after is null ? SqlServerSql.ListFirstPage : SqlServerSql.ListAfter,
                SqlServerParameters.List(owner, after, limit),
                cancellationToken: ct))).ToList();
            if (headers.Count == 0)
            {
                return (IReadOnlyList<Order>)[];
            }
            var lines = await connection.QueryAsync<OrderLineRow>(new CommandDefinition(
                SqlServerSql.LinesOfOrders, SqlServerParameters.LinesOfOrders(owner, headers.Select(h => h.OrderId)), cancellationToken: ct));
            return OrderRows.ToOrders(headers, lines);
        }, cancellationToken);

    /// <returns>False when the owner already used the reference: nothing was written.</returns>
    private static async Task<bool> TryInsertAsync(SqlConnection connection, Order order, OrderEvent? placed, CancellationToken ct)
    {
        // READ COMMITTED, never SNAPSHOT: a snapshot transaction reads as of its start, so a read in it
        // after the conflict could miss the winner. Disposing an uncommitted transaction rolls it back,
        // also when ct cancelled a command (the server has already done so under XACT_ABORT).
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        try
        {
            // With events on, the event row is the batch's third statement: same transaction, so it
            // exists exactly when the order does, and a duplicate's 2627 rolls it back with the rest.
            await connection.ExecuteAsync(placed is null
                ? new CommandDefinition(SqlServerSql.InsertOrder, SqlServerParameters.InsertOrder(order), transaction, cancellationToken: ct)
                : new CommandDefinition(SqlServerEventSql.InsertOrderAndEvent,
                    SqlServerEventOutbox.WithEvent(SqlServerParameters.InsertOrder(order), placed), transaction, cancellationToken: ct));
        }
        catch (SqlException ex) when (SqlServerErrors.IsUniqueViolation(ex))
        {
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    private static async Task<Order?> FindAsync(SqlConnection connection, string owner, string clientReference, CancellationToken ct)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            SqlServerSql.FindOrder, SqlServerParameters.FindOrder(owner, clientReference), cancellationToken: ct));
        var header = await results.ReadSingleOrDefaultAsync<OrderHeaderRow<Guid, DateTime>>();
        var lines = await results.ReadAsync<OrderLineRow>();
        return header is null ? null : OrderRows.ToOrder(header, lines);
    }

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> unitOfWork, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.RunAsync(unitOfWork, cancellationToken);
        }
        catch (SqlException ex) when (cancellationToken.IsCancellationRequested)
        {
            // SqlClient reports a cancelled command as an error ("Operation cancelled by user"); say
            // what happened, so the request pipeline treats it as the client going away.
            throw new OperationCanceledException("The request was cancelled.", ex, cancellationToken);
        }
    }

    private Task<SqlConnection> OpenAsync(CancellationToken ct) => SqlServerConnections.OpenAsync(_connectionString, ct);
}
