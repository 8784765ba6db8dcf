using System.Data.Common;

namespace Orders.Api.Storage;

/// <summary>
/// The answer of a cancel or change sent as one batch (PostgreSqlOrderTransition; any store whose
/// batch reads the same three results): after the update and the event row, the batch reads which
/// request last changed the order (<see cref="OrderColumns.ChangeId"/>), the order's header
/// (<see cref="OrderColumns.Header"/>) and its lines (<see cref="OrderColumns.Line"/>), in that order.
/// </summary>
internal static class TransitionBatchAnswer
{
    /// <summary>Reads the three results, and the batch to its end, into <see cref="TransitionResult.From"/>.</summary>
    public static async Task<TransitionResult> ReadAsync(DbDataReader reader, Guid changeId, CancellationToken ct)
    {
        // Statements without rows (BEGIN, the update, the insert) are passed over: the first result
        // is the change id's, empty when the owner has no such order.
        var changeIds = await CreateBatchAnswer.ReadAllAsync<OrderChangeIdRow<Guid?>>(reader, ct);
        var headers = await reader.NextResultAsync(ct) ? await CreateBatchAnswer.ReadAllAsync<OrderHeaderRow<Guid, DateTime, DateTime?>>(reader, ct) : [];
        var lines = await reader.NextResultAsync(ct) ? await CreateBatchAnswer.ReadAllAsync<OrderLineRow>(reader, ct) : [];
        // Read to the end, so an error of a later statement (the COMMIT itself) surfaces here and not as an answer.
        while (await reader.NextResultAsync(ct))
        {
        }
        var current = headers.Count == 0 ? null : OrderRows.ToOrder(headers[0], lines);
        return TransitionResult.From(current, changeIds.Count == 0 ? null : changeIds[0].ChangeId, changeId);
    }
}
