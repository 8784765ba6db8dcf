using System.Data.Common;
using Dapper;
using Orders.Api.Model;

namespace Orders.Api.Storage;

/// <summary>
/// The answer of a create sent as one batch (PostgreSqlOrderInsert, SqlServerOrderInsert): the batch
/// inserts, then reads the order that holds the reference if it is another one. No such order: this
/// batch inserted the order, or (key refused, same id) an earlier attempt of this very unit of work
/// committed it before its connection broke; either way this request created it.
/// </summary>
internal static class CreateBatchAnswer
{
    /// <summary>Reads the other order's header and lines, if the batch returned them, and the batch to its end.</summary>
    public static async Task<CreateOrderResult> ReadAsync(DbDataReader reader, Order attempted, CancellationToken ct)
    {
        // Statements without rows are passed over: the first result is the other order's header, if
        // the batch ran the read at all (SQL Server's runs it only on a duplicate).
        var headers = await ReadAllAsync<OrderHeaderRow<Guid, DateTime, DateTime?>>(reader, ct);
        var lines = await reader.NextResultAsync(ct) ? await ReadAllAsync<OrderLineRow>(reader, ct) : [];
        // Read to the end, so an error of a later statement (the COMMIT itself) surfaces here and not as a success.
        while (await reader.NextResultAsync(ct))
        {
        }
        return headers.Count == 0
            ? new CreateOrderResult.Created(attempted)
            : new CreateOrderResult.Duplicate(OrderRows.ToOrder(headers[0], lines));
    }

    /// <summary>Every row of the current result; none when the statement returned no result set at all.</summary>
    internal static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, CancellationToken ct)
    {
        var rows = new List<T>();
        if (reader.FieldCount == 0)
        {
            return rows; // no result set at all
        }
        var parse = reader.GetRowParser<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(parse(reader));
        }
        return rows;
    }
}
