using Dapper;
using Microsoft.Data.Sqlite;
using Orders.Api.Model;

namespace Orders.Api.Storage.Sqlite;

/// <summary>
/// The embedded store. SQLite has one writer at a time: BEGIN IMMEDIATE takes the write lock up
/// front, so a concurrent duplicate waits (busy timeout) until the first transaction has committed
/// or rolled back, then meets the unique key like on any other database.
/// </summary>
internal sealed class SqliteOrderStore(
    OrdersConnectionString connectionString, TransientRetryPolicy retryPolicy, IOrderEventFactory events)
    : IOrderStore
{
    private readonly string _connectionString = connectionString.Store;

    // A file that could not be opened or read may be on a volume that came back: no pooled handle to it is kept.
    private readonly TransientRetry _retry = retryPolicy.For(() => SqliteConnection.ClearPool(new SqliteConnection(connectionString.Store)));

    public Task<CreateOrderResult> CreateAsync(Order order, CancellationToken cancellationToken)
    {
        var placed = events.PlacedFor(order);
        return _retry.RunAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            return await CreateOrderResult.InsertOrReadExistingAsync(
                order,
                () => TryInsertAsync(connection, order, placed, ct),
                () => FindAsync(connection, order.Owner, order.ClientReference, ct));
        }, cancellationToken);
    }

    public Task<Order?> FindAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
        _retry.RunAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            return await FindAsync(connection, owner, clientReference, ct);
        }, cancellationToken);

    public Task<OrderVersion?> FindVersionAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
        _retry.RunAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            using var span = DatabaseSpans.Start(DatabaseSpans.Sqlite, SqliteSql.FindOrderVersion);
            var row = await connection.QuerySingleOrDefaultAsync<OrderVersionRow<string>>(new CommandDefinition(
                SqliteSql.FindOrderVersion, new { Owner = owner, ClientReference = clientReference }, cancellationToken: ct));
            return row is null ? null : new OrderVersion(SqliteValues.ParseId(row.OrderId), row.Version);
        }, cancellationToken);

    public Task<TransitionResult> CancelAsync(OrderCancellation cancellation, CancellationToken cancellationToken)
    {
        var cancelled = events.CancelledFor(cancellation);
        return TransitionAsync(SqliteSql.CancelOrder, TransitionParameters.Of(cancellation),
            cancellation.Owner, cancellation.ClientReference, cancellation.ChangeId, cancelled, cancellationToken);
    }

    public Task<TransitionResult> ChangeAsync(OrderChange change, CancellationToken cancellationToken)
    {
        var changed = events.ChangedFor(change);
        return TransitionAsync(SqliteSql.ChangeOrder, TransitionParameters.Of(change),
            change.Owner, change.ClientReference, change.ChangeId, changed, cancellationToken);
    }

    public Task<TransitionResult> FulfilAsync(OrderFulfilment fulfilment, CancellationToken cancellationToken)
    {
        var fulfilled = events.FulfilledFor(fulfilment);
        return TransitionAsync(SqliteSql.FulfilOrder, TransitionParameters.Of(fulfilment),
            fulfilment.Owner, fulfilment.ClientReference, fulfilment.ChangeId, fulfilled, cancellationToken);
    }

    public Task<IReadOnlyList<Order>> ListAsync(string owner, OrderPosition? after, int limit, CancellationToken cancellationToken) =>
        _retry.RunAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            var pageSql = after is null ? SqliteSql.ListFirstPage : SqliteSql.ListAfter;
            using var pageSpan = DatabaseSpans.Start(DatabaseSpans.Sqlite, pageSql);
            var headers = await connection.QueryAsync<OrderHeaderRow<string, string, string?>>(new CommandDefinition(
                pageSql,
                new
                {
                    Owner = owner,
                    Limit = limit,
                    AfterCreatedAt = after is null ? null : SqliteValues.Time(after.CreatedAt),
                    AfterOrderId = after is null ? null : SqliteValues.Id(after.OrderId),
                },
                cancellationToken: ct));
            var headerRows = headers.ToList();
            if (headerRows.Count == 0)
            {
                return (IReadOnlyList<Order>)[];
            }
            pageSpan?.Dispose();
            using var linesSpan = DatabaseSpans.Start(DatabaseSpans.Sqlite, SqliteSql.LinesOfOrders);
            var lines = await connection.QueryAsync<SqliteLineRow>(new CommandDefinition(
                SqliteSql.LinesOfOrders,
                new { Owner = owner, OrderIds = headerRows.Select(row => row.OrderId).ToList() },
                cancellationToken: ct));
            var linesByOrder = lines.Select(line => line.ToShared()).ToLookup(line => line.OrderId);
            return headerRows.Select(row => ToOrder(row, linesByOrder[SqliteValues.ParseId(row.OrderId)])).ToList();
        }, cancellationToken);

    /// <returns>False when the owner already used the reference: nothing was written.</returns>
    private static async Task<bool> TryInsertAsync(SqliteConnection connection, Order order, OrderEvent? placed, CancellationToken ct)
    {
        // Not deferred: BEGIN IMMEDIATE, so two writers never both read and then fail to upgrade.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var inserted = await ExecuteAsync(connection, SqliteSql.InsertHeader,
            OrderRows.HeaderParameters(order, SqliteValues.Id(order.OrderId), SqliteValues.Time(order.CreatedAt)), transaction, ct);
        if (inserted == 0)
        {
            return false; // disposing rolls back the empty transaction
        }
        var orderId = SqliteValues.Id(order.OrderId);
        await ExecuteAsync(connection, SqliteSql.InsertLine,
            order.Lines.Select(line => new { order.Owner, OrderId = orderId, line.LineNumber, line.Sku, line.Quantity, line.UnitPrice, line.LineTotal }),
            transaction, ct);
        if (placed is not null)
        {
            // In the order's transaction: the event exists exactly when the order does.
            await ExecuteAsync(connection, SqliteEventSql.InsertEvent, SqliteEventOutbox.InsertParameters(placed), transaction, ct);
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// A cancel or change: under BEGIN IMMEDIATE (SQLite's one writer is the row lock), the conditional
    /// update, the event row of the order this request changed, and the read-back that says what happened.
    /// </summary>
    private Task<TransitionResult> TransitionAsync(
        string update, IReadOnlyList<TransitionValue> values, string owner, string clientReference, Guid changeId,
        TransitionEvent? transitionEvent, CancellationToken cancellationToken) =>
        _retry.RunAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            var parameters = new DynamicParameters();
            foreach (var value in values)
            {
                parameters.Add(value.Name, value.Value switch
                {
                    Guid id => SqliteValues.Id(id),
                    DateTime time => SqliteValues.Time(time),
                    var other => other,
                });
            }
            await ExecuteAsync(connection, update, parameters, transaction, ct);
            if (transitionEvent is not null)
            {
                await ExecuteAsync(connection, SqliteEventSql.InsertTransitionEvent, new
                {
                    Owner = owner,
                    ClientReference = clientReference,
                    EventId = SqliteValues.Id(transitionEvent.EventId),
                    transitionEvent.Type,
                    transitionEvent.PayloadRest,
                    OccurredAt = SqliteValues.Time(transitionEvent.OccurredAt),
                    transitionEvent.TraceParent,
                    transitionEvent.TraceState,
                }, transaction, ct);
            }
            var lastChangeId = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                SqliteSql.FindChangeId, new { Owner = owner, ClientReference = clientReference }, transaction, cancellationToken: ct));
            var current = await FindAsync(connection, owner, clientReference, ct, transaction);
            await transaction.CommitAsync(ct);
            return TransitionResult.From(current, lastChangeId is null ? null : SqliteValues.ParseId(lastChangeId), changeId);
        }, cancellationToken);

    private static async Task<Order?> FindAsync(
        SqliteConnection connection, string owner, string clientReference, CancellationToken ct, SqliteTransaction? transaction = null)
    {
        using var span = DatabaseSpans.Start(DatabaseSpans.Sqlite, SqliteSql.FindOrder);
        using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            SqliteSql.FindOrder, new { Owner = owner, ClientReference = clientReference }, transaction, cancellationToken: ct));
        var header = await results.ReadSingleOrDefaultAsync<OrderHeaderRow<string, string, string?>>();
        var lines = await results.ReadAsync<SqliteLineRow>();
        return header is null ? null : ToOrder(header, lines.Select(line => line.ToShared()));
    }

    private static Order ToOrder(OrderHeaderRow<string, string, string?> header, IEnumerable<OrderLineRow> lines) =>
        header.ToOrder(
            SqliteValues.ParseId(header.OrderId),
            SqliteValues.ParseTime(header.CreatedAt),
            header.CancelledAt is { } cancelledAt ? SqliteValues.ParseTime(cancelledAt) : null,
            header.FulfilledAt is { } fulfilledAt ? SqliteValues.ParseTime(fulfilledAt) : null,
            lines);

    // One statement of the create, in a span of its own when tracing is on (SQLite's driver has no ActivitySource).
    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, object parameters, SqliteTransaction transaction, CancellationToken ct)
    {
        using var span = DatabaseSpans.Start(DatabaseSpans.Sqlite, sql);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken ct) => SqliteConnections.OpenAsync(_connectionString, ct);
}
