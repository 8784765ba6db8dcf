using System.Data;
using Npgsql;
using NpgsqlTypes;
using Orders.Api.Events;
using Orders.Api.Orders;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>
/// The create's write: <see cref="PostgreSqlSql.InsertOrderHeader"/> and
/// <see cref="PostgreSqlSql.InsertOrderLines"/> in one explicit transaction, sent as one batch. Npgsql
/// sends the BEGIN with the batch, so the statements cost one round trip and the COMMIT one more.
/// With events on, <see cref="PostgreSqlEventSql.InsertEvent"/> is the batch's third statement.
/// </summary>
/// <remarks>Internal: bench/Orders.Bench's raw path sends exactly this, to measure the database alone.</remarks>
internal static class PostgreSqlOrderInsert
{
    /// <returns>False when the owner already used the reference: nothing was written.</returns>
    public static async Task<bool> TryInsertAsync(NpgsqlConnection connection, Order order, CancellationToken ct, OrderEvent? placed = null)
    {
        // READ COMMITTED whatever the database's default: at REPEATABLE READ or SERIALIZABLE an
        // ON CONFLICT DO NOTHING that waited for a concurrent insert of the same key fails with 40001
        // once that insert commits, where READ COMMITTED simply does nothing (a duplicate).
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var header = new NpgsqlBatchCommand(PostgreSqlSql.InsertOrderHeader);
        header.Parameters.AddRange(HeaderParameters(order));
        batch.BatchCommands.Add(header);
        var lines = new NpgsqlBatchCommand(PostgreSqlSql.InsertOrderLines);
        lines.Parameters.AddRange(LineParameters(order));
        batch.BatchCommands.Add(lines);
        if (placed is not null)
        {
            var orderEvent = new NpgsqlBatchCommand(PostgreSqlEventSql.InsertEvent);
            orderEvent.Parameters.AddRange(PostgreSqlEventOutbox.InsertParameters(placed));
            batch.BatchCommands.Add(orderEvent);
        }

        await batch.ExecuteNonQueryAsync(ct);
        // Committed either way: after a duplicate the transaction wrote nothing, and a COMMIT costs
        // what a ROLLBACK would.
        await transaction.CommitAsync(ct);
        return header.RecordsAffected == 1;
    }

    // Typed explicitly (no inference from a null), so every create prepares the same statement.
    private static NpgsqlParameter[] HeaderParameters(Order order) =>
    [
        new NpgsqlParameter<Guid>("OrderId", order.OrderId),
        Text("Owner", order.Owner),
        Text("ClientReference", order.ClientReference),
        Text("Status", order.Status),
        Text("Currency", order.Currency),
        Text("CustomerEmail", order.Customer.Email),
        Text("CustomerName", order.Customer.Name),
        Text("ShipLine1", order.ShippingAddress?.Line1),
        Text("ShipLine2", order.ShippingAddress?.Line2),
        Text("ShipCity", order.ShippingAddress?.City),
        Text("ShipPostalCode", order.ShippingAddress?.PostalCode),
        Text("ShipCountry", order.ShippingAddress?.Country),
        new NpgsqlParameter<long>("Total", order.Total),
        new NpgsqlParameter<DateTime>("CreatedAt", NpgsqlDbType.TimestampTz) { TypedValue = order.CreatedAt },
    ];

    // The lines travel as five parallel arrays, unnested server-side: one statement for 1 or 100 lines.
    private static NpgsqlParameter[] LineParameters(Order order) =>
    [
        Text("Owner", order.Owner),
        new NpgsqlParameter<Guid>("OrderId", order.OrderId),
        new NpgsqlParameter<int[]>("LineNumbers", order.Lines.Select(line => line.LineNumber).ToArray()),
        new NpgsqlParameter<string[]>("Skus", order.Lines.Select(line => line.Sku).ToArray()),
        new NpgsqlParameter<int[]>("Quantities", order.Lines.Select(line => line.Quantity).ToArray()),
        new NpgsqlParameter<long[]>("UnitPrices", order.Lines.Select(line => line.UnitPrice).ToArray()),
        new NpgsqlParameter<long[]>("LineTotals", order.Lines.Select(line => line.LineTotal).ToArray()),
    ];

    internal static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };
}
