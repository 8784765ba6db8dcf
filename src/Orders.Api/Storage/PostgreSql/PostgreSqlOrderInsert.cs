using Npgsql;
using NpgsqlTypes;
using Orders.Api.Model;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>
/// The whole create in one round trip: one batch of BEGIN, <see cref="PostgreSqlSql.InsertOrderHeader"/>,
/// <see cref="PostgreSqlSql.InsertOrderLines"/>, the event row when events are on, the read of the
/// order that already holds the reference (<see cref="PostgreSqlSql.FindOtherOrderHeader"/> and its
/// lines: no rows unless this is a duplicate) and COMMIT. PostgreSQL runs the statements in order and
/// answers them all at once, so a create and a duplicate each cost one round trip.
/// </summary>
/// <remarks>
/// Why BEGIN and COMMIT are statements of the batch rather than an NpgsqlTransaction: Npgsql sends a
/// transaction's BEGIN with the next batch but its COMMIT as a round trip of its own, and each round
/// trip costs both processes a socket send, a wake-up and a receive (docs/benchmarks.md). If a
/// statement fails, PostgreSQL skips the rest of the batch, COMMIT included; the connection is left in
/// the failed transaction and Npgsql rolls it back before the pool hands it out again.
/// Internal: bench/Orders.Bench's raw path sends exactly this, to measure the database alone.
/// </remarks>
internal static class PostgreSqlOrderInsert
{
    public static async Task<CreateOrderResult> CreateAsync(NpgsqlConnection connection, Order order, CancellationToken ct, OrderEvent? placed = null)
    {
        await using var batch = new NpgsqlBatch(connection);
        // READ COMMITTED whatever the database's default: at REPEATABLE READ or SERIALIZABLE an
        // ON CONFLICT DO NOTHING that waited for a concurrent insert of the same key fails with 40001
        // once that insert commits, where READ COMMITTED simply does nothing (a duplicate). It is also
        // what lets the reads after it see the order the insert waited for: each statement of a READ
        // COMMITTED transaction takes a new snapshot.
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgreSqlSql.BeginReadCommitted));
        Command(batch, PostgreSqlSql.InsertOrderHeader, HeaderParameters(order));
        Command(batch, PostgreSqlSql.InsertOrderLines, LineParameters(order));
        if (placed is not null)
        {
            Command(batch, PostgreSqlEventSql.InsertEvent, PostgreSqlEventOutbox.InsertParameters(placed));
        }
        Command(batch, PostgreSqlSql.FindOtherOrderHeader, OtherOrderParameters(order));
        Command(batch, PostgreSqlSql.FindOtherOrderLines, OtherOrderParameters(order));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgreSqlSql.Commit));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await CreateBatchAnswer.ReadAsync(reader, order, ct);
    }

    internal static void Command(NpgsqlBatch batch, string sql, NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        batch.BatchCommands.Add(command);
    }

    // Typed explicitly (no inference from a null), so every create prepares the same statement.
    internal static NpgsqlParameter[] HeaderParameters(Order order)
    {
        var values = OrderColumns.HeaderValues;
        var parameters = new NpgsqlParameter[values.Count + 2];
        parameters[0] = new NpgsqlParameter<Guid>(OrderColumns.OrderIdParameter, order.OrderId);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            parameters[i + 1] = value.TextOf is { } text
                ? Text(value.Name, text(order))
                : new NpgsqlParameter<long>(value.Name, value.NumberOf!(order));
        }
        parameters[^1] = new NpgsqlParameter<DateTime>(OrderColumns.CreatedAtParameter, NpgsqlDbType.TimestampTz) { TypedValue = order.CreatedAt };
        return parameters;
    }

    // The lines travel as five parallel arrays, unnested server-side: one statement for 1 or 100 lines.
    internal static NpgsqlParameter[] LineParameters(Order order) =>
    [
        Text("Owner", order.Owner),
        new NpgsqlParameter<Guid>("OrderId", order.OrderId),
        new NpgsqlParameter<int[]>("LineNumbers", order.Lines.Select(line => line.LineNumber).ToArray()),
        new NpgsqlParameter<string[]>("Skus", order.Lines.Select(line => line.Sku).ToArray()),
        new NpgsqlParameter<int[]>("Quantities", order.Lines.Select(line => line.Quantity).ToArray()),
        new NpgsqlParameter<long[]>("UnitPrices", order.Lines.Select(line => line.UnitPrice).ToArray()),
        new NpgsqlParameter<long[]>("LineTotals", order.Lines.Select(line => line.LineTotal).ToArray()),
    ];

    // A parameter belongs to one statement, so each read gets its own.
    private static NpgsqlParameter[] OtherOrderParameters(Order order) =>
    [
        Text("Owner", order.Owner),
        Text("ClientReference", order.ClientReference),
        new NpgsqlParameter<Guid>("OrderId", order.OrderId),
    ];

    internal static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };
}
