using Microsoft.Extensions.Logging;

namespace Orders.FulfilmentWorker;

/// <summary>
/// One delivery, start to settlement: deduplicate by event id, fulfil through the API, record the id,
/// and only then let the consumer ack. Every delivery logs one line starting "delivery" with its
/// outcome, which is what an operator (and the end-to-end test) counts.
/// </summary>
public sealed class PlacedEventProcessor(ProcessedEvents processed, FulfilmentApi api, ILogger<PlacedEventProcessor> log)
{
    public async Task<Settlement> HandleAsync(PlacedEvent? placed, string? messageId, bool redelivered, CancellationToken ct)
    {
        if (placed is null)
        {
            WorkerLog.Unreadable(log, messageId);
            return Settlement.Reject;
        }
        if (await processed.ContainsAsync(placed.EventId, ct))
        {
            Log(placed, FulfilmentOutcome.Duplicate, redelivered, attempts: 0, status: null);
            return Settlement.Ack;
        }
        var result = await api.FulfilAsync(placed.Owner, placed.ClientReference, placed.EventId, ct);
        if (result.Outcome.IsTerminal())
        {
            await processed.RecordAsync(placed.EventId, result.Outcome, ct);
        }
        Log(placed, result.Outcome, redelivered, result.Attempts, result.LastStatus);
        return result.Outcome switch
        {
            _ when result.Outcome.IsTerminal() => Settlement.Ack,
            FulfilmentOutcome.RetryLater => Settlement.Requeue,
            _ => Settlement.Stop,
        };
    }

    private void Log(PlacedEvent placed, FulfilmentOutcome outcome, bool redelivered, int attempts, int? status)
    {
        if (outcome == FulfilmentOutcome.Refused)
        {
            WorkerLog.Refused(log, placed.EventId, redelivered, attempts, status, placed.Owner, placed.ClientReference);
            return;
        }
        WorkerLog.Delivery(log, placed.EventId, outcome, redelivered, attempts, status, placed.Owner, placed.ClientReference);
    }
}
