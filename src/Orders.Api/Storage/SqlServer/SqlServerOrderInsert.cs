using Dapper;
using Microsoft.Data.SqlClient;
using Orders.Api.Model;

namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// The whole create in one round trip: one batch (<see cref="SqlServerSql.InsertOrder"/>, or
/// <see cref="SqlServerEventSql.InsertOrderAndEvent"/> when events are on) that begins the
/// transaction, inserts, commits, and on a duplicate rolls back and reads the order holding the
/// reference, all on the server. A create and a duplicate each cost one round trip, as on PostgreSQL.
/// </summary>
/// <remarks>
/// Why the transaction is T-SQL rather than a SqlTransaction: SqlClient sends BEGIN TRANSACTION and
/// COMMIT as requests of their own, each a round trip, and a duplicate used to cost a fourth (the
/// rollback) and a fifth (the read). If the batch fails, the CATCH has already rolled back; if it
/// is cut off (a cancel's attention, a broken connection), XACT_ABORT rolls back on the server, and
/// a pooled connection is reset before its next use.
/// Internal: bench/Orders.Bench's raw path sends exactly this, to measure the database alone.
/// </remarks>
internal static class SqlServerOrderInsert
{
    // transaction: an outer transaction the batch nests in; only the pool's warm-up passes one, and rolls it back (SqlServerWarmUp).
    public static async Task<CreateOrderResult> CreateAsync(
        SqlConnection connection, Order order, CancellationToken ct, OrderEvent? placed = null, SqlTransaction? transaction = null)
    {
        var command = placed is null
            ? new CommandDefinition(SqlServerSql.InsertOrder, SqlServerParameters.InsertOrder(order), transaction, cancellationToken: ct)
            : new CommandDefinition(SqlServerEventSql.InsertOrderAndEvent,
                SqlServerEventOutbox.WithEvent(SqlServerParameters.InsertOrder(order), placed), transaction, cancellationToken: ct);
        await using var reader = await connection.ExecuteReaderAsync(command);
        return await CreateBatchAnswer.ReadAsync(reader, order, ct);
    }
}
