using Dapper;
using Microsoft.Data.SqlClient;
using Orders.Api.Model;

namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// SQL Server store: each create is one short READ COMMITTED transaction with XACT_ABORT on, sent with
/// its commit as one batch (<see cref="SqlServerOrderInsert"/>). A duplicate is the unique key's
/// 2627/2601, answered by the same batch with the committed winner. A cancel or change is one batch
/// too (<see cref="SqlServerOrderTransition"/>): the conditional update on the row lock, the event
/// row, the read-back and the commit.
/// </summary>
internal sealed class SqlServerOrderStore(
    OrdersConnectionString connectionString, TransientRetryPolicy retryPolicy, IOrderEventFactory events)
    : IOrderStore
{
    private readonly string _connectionString = connectionString.Store;

    // SqlClient's own retry logic never retries inside a transaction, so the whole unit is retried here.
    // After a connection-level error the pool's other connections to that server are suspect (restart,
    // failover): ClearPool discards the idle ones and those in use when they are returned. The pool
    // is keyed by the store's string.
    private readonly TransientRetry _retry = retryPolicy.For(() => SqlConnection.ClearPool(new SqlConnection(connectionString.Store)));

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
            return await SqlServerOrderInsert.CreateAsync(connection, order, ct, placed);
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

    public Task<OrderVersion?> FindVersionAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
        !SqlServerParameters.FitsClientReference(clientReference)
            ? Task.FromResult<OrderVersion?>(null) // no such reference can have been stored
            : RunAsync(async ct =>
            {
                await using var connection = await OpenAsync(ct);
                var row = await connection.QuerySingleOrDefaultAsync<OrderVersionRow<Guid>>(new CommandDefinition(
                    SqlServerSql.FindOrderVersion, SqlServerParameters.FindOrder(owner, clientReference), cancellationToken: ct));
                return row is null ? null : new OrderVersion(row.OrderId, row.Version);
            }, cancellationToken);

    public Task<TransitionResult> CancelAsync(OrderCancellation cancellation, CancellationToken cancellationToken) =>
        TransitionAsync(cancellation.ClientReference, () => events.CancelledFor(cancellation),
            SqlServerSql.CancelOrder, SqlServerEventSql.CancelOrderAndEvent, TransitionParameters.Of(cancellation), cancellation.ChangeId, cancellationToken);

    public Task<TransitionResult> ChangeAsync(OrderChange change, CancellationToken cancellationToken) =>
        TransitionAsync(change.ClientReference, () => events.ChangedFor(change),
            SqlServerSql.ChangeOrder, SqlServerEventSql.ChangeOrderAndEvent, TransitionParameters.Of(change), change.ChangeId, cancellationToken);

    public Task<TransitionResult> FulfilAsync(OrderFulfilment fulfilment, CancellationToken cancellationToken) =>
        TransitionAsync(fulfilment.ClientReference, () => events.FulfilledFor(fulfilment),
            SqlServerSql.FulfilOrder, SqlServerEventSql.FulfilOrderAndEvent, TransitionParameters.Of(fulfilment), fulfilment.ChangeId, cancellationToken);

    public Task<IReadOnlyList<Order>> ListAsync(string owner, OrderPosition? after, int limit, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            var headers = (await connection.QueryAsync<OrderHeaderRow<Guid, DateTime, DateTime?>>(new CommandDefinition(
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

    /// <summary>
    /// A cancel or change: one batch (<see cref="SqlServerOrderTransition"/>), retried whole; a retry
    /// whose earlier attempt committed reads its own change id back and answers Applied.
    /// </summary>
    private Task<TransitionResult> TransitionAsync(
        string clientReference, Func<TransitionEvent?> eventOf, string batch, string batchWithEvent,
        IReadOnlyList<TransitionValue> values, Guid changeId, CancellationToken cancellationToken)
    {
        if (!SqlServerParameters.FitsClientReference(clientReference))
        {
            return Task.FromResult<TransitionResult>(new TransitionResult.NotFound()); // no such reference can have been stored
        }
        // Made once, before the retries: every attempt writes the same event id (the change id).
        var transitionEvent = eventOf();
        return RunAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            return await SqlServerOrderTransition.RunAsync(
                connection, transitionEvent is null ? batch : batchWithEvent, values, transitionEvent, changeId, ct);
        }, cancellationToken);
    }

    // Internal: bench/Orders.Bench's raw path reads with exactly this, to measure the database alone.
    internal static async Task<Order?> FindAsync(SqlConnection connection, string owner, string clientReference, CancellationToken ct)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            SqlServerSql.FindOrder, SqlServerParameters.FindOrder(owner, clientReference), cancellationToken: ct));
        var header = await results.ReadSingleOrDefaultAsync<OrderHeaderRow<Guid, DateTime, DateTime?>>();
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
