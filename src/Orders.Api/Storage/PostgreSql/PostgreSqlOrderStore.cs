using Dapper;
using Npgsql;
using Orders.Api.Model;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>
/// PostgreSQL store: each create, a duplicate's answer included, is one short READ COMMITTED
/// transaction in one round trip (<see cref="PostgreSqlOrderInsert"/>), and so is each cancel and change
/// (<see cref="PostgreSqlOrderTransition"/>). Every statement names the owner, so the same
/// code runs on one node and on a Citus cluster sharded by owner (docs/operations.md, Scaling out).
/// </summary>
internal sealed class PostgreSqlOrderStore(NpgsqlDataSource dataSource, TransientRetryPolicy retryPolicy, IOrderEventFactory events, PostgreSqlFreshTables freshTables)
    : IOrderStore
{
    // A restart or failover leaves every idle pooled connection dead; clearing the pool makes the
    // retry, and every request after it, open a new one instead of meeting them one by one.
    private readonly TransientRetry _retry = retryPolicy.For(dataSource.Clear);

    public async Task<CreateOrderResult> CreateAsync(Order order, CancellationToken cancellationToken)
    {
        // Made once, before the retries: every attempt of this request writes the same event id.
        var placed = events.PlacedFor(order);
        var result = await _retry.RunAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            return await PostgreSqlOrderInsert.CreateAsync(connection, order, ct, placed);
        }, cancellationToken);
        if (result is CreateOrderResult.Created)
        {
            freshTables.OrderCreated();
        }
        return result;
    }

    public Task<Order?> FindAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
        _retry.RunAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            return await FindAsync(connection, owner, clientReference, ct);
        }, cancellationToken);

    public Task<OrderVersion?> FindVersionAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
        _retry.RunAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var row = await connection.QuerySingleOrDefaultAsync<OrderVersionRow<Guid>>(new CommandDefinition(
                PostgreSqlSql.FindOrderVersion, new { Owner = owner, ClientReference = clientReference }, cancellationToken: ct));
            return row is null ? null : new OrderVersion(row.OrderId, row.Version);
        }, cancellationToken);

    public Task<TransitionResult> CancelAsync(OrderCancellation cancellation, CancellationToken cancellationToken)
    {
        // Made once, before the retries: every attempt of this request writes the same event id, its change id.
        var cancelled = events.CancelledFor(cancellation);
        return TransitionAsync(PostgreSqlSql.CancelOrder, TransitionParameters.Of(cancellation),
            cancellation.Owner, cancellation.ClientReference, cancellation.ChangeId, cancelled, cancellationToken);
    }

    public Task<TransitionResult> ChangeAsync(OrderChange change, CancellationToken cancellationToken)
    {
        var changed = events.ChangedFor(change);
        return TransitionAsync(PostgreSqlSql.ChangeOrder, TransitionParameters.Of(change),
            change.Owner, change.ClientReference, change.ChangeId, changed, cancellationToken);
    }

    public Task<TransitionResult> FulfilAsync(OrderFulfilment fulfilment, CancellationToken cancellationToken)
    {
        var fulfilled = events.FulfilledFor(fulfilment);
        return TransitionAsync(PostgreSqlSql.FulfilOrder, TransitionParameters.Of(fulfilment),
            fulfilment.Owner, fulfilment.ClientReference, fulfilment.ChangeId, fulfilled, cancellationToken);
    }

    public Task<IReadOnlyList<Order>> ListAsync(string owner, OrderPosition? after, int limit, CancellationToken cancellationToken) =>
        _retry.RunAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var headers = (await connection.QueryAsync<OrderHeaderRow<Guid, DateTime, DateTime?>>(new CommandDefinition(
                after is null ? PostgreSqlSql.ListFirstPage : PostgreSqlSql.ListAfter,
                new { Owner = owner, Limit = limit, AfterCreatedAt = after?.CreatedAt, AfterOrderId = after?.OrderId },
                cancellationToken: ct))).ToList();
            if (headers.Count == 0)
            {
                return (IReadOnlyList<Order>)[];
            }
            var lines = await connection.QueryAsync<OrderLineRow>(new CommandDefinition(
                PostgreSqlSql.LinesOfOrders, new { Owner = owner, OrderIds = headers.Select(h => h.OrderId).ToArray() }, cancellationToken: ct));
            return OrderRows.ToOrders(headers, lines);
        }, cancellationToken);

    // A retry after a lost answer runs the same change id again: if the lost attempt committed, the row
    // still names this request and the answer is Applied (TransitionResult.From), with no second event.
    private Task<TransitionResult> TransitionAsync(
        string update, IReadOnlyList<TransitionValue> values, string owner, string clientReference, Guid changeId,
        TransitionEvent? transitionEvent, CancellationToken cancellationToken) =>
        _retry.RunAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            return await PostgreSqlOrderTransition.RunAsync(connection, update, values, owner, clientReference, changeId, transitionEvent, ct);
        }, cancellationToken);

    // Internal, as is PostgreSqlOrderInsert: bench/Orders.Bench sends exactly these statements with
    // exactly these parameters straight through Dapper, to measure what the database alone can do.
    internal static async Task<Order?> FindAsync(NpgsqlConnection connection, string owner, string clientReference, CancellationToken ct)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            PostgreSqlSql.FindOrder, new { Owner = owner, ClientReference = clientReference }, cancellationToken: ct));
        var header = await results.ReadSingleOrDefaultAsync<OrderHeaderRow<Guid, DateTime, DateTime?>>();
        var lines = await results.ReadAsync<OrderLineRow>();
        return header is null ? null : OrderRows.ToOrder(header, lines);
    }
}
