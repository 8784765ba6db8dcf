using Microsoft.Data.SqlClient;

namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// Warms SQL Server sessions with the create itself, inside a transaction that is rolled back. Opening a
/// connection is not enough on Babelfish (the TDS engine SQL Server shops also run as Aurora's):
/// each session is a PostgreSQL backend that parses T-SQL with a cold parser, so its first create
/// batch took 0.9-3.6 s where the next took 7-130 ms (measured 2026-12-07 on 2 busy cores); a burst
/// on a new instance then spent its deadline there. SET PARSEONLY and SET NOEXEC would warm the parser
/// without running anything on SQL Server, but Babelfish ignores both and inserts. On SQL Server the
/// batch's own BEGIN/COMMIT nest inside the outer transaction, so its rollback undoes the insert.
/// </summary>
internal sealed class SqlServerWarmUp(OrdersConnectionString connectionString, IOrderEventFactory events) : IStoreWarmUp
{
    public Task WarmUpAsync(int connections, CancellationToken cancellationToken) =>
        ConnectionWarmUp.RunAsync(connections, ct => SqlServerConnections.OpenAsync(connectionString.Store, ct), CreateAndRollBackAsync, cancellationToken);

    private async Task CreateAndRollBackAsync(SqlConnection connection, CancellationToken ct)
    {
        var order = WarmUpOrder.New();
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(ct);
        await SqlServerOrderInsert.CreateAsync(connection, order, ct, events.PlacedFor(order), transaction);
        await transaction.RollbackAsync(ct);
    }
}
