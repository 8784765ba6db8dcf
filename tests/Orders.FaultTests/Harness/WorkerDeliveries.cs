using System.Text.RegularExpressions;
using Orders.FulfilmentWorker;

namespace Orders.FaultTests.Harness;

/// <summary>One delivery as the worker logged it, after recording its id and before its ack.</summary>
public sealed record WorkerDelivery(Guid EventId, FulfilmentOutcome Outcome, bool Redelivered, int Attempts);

/// <summary>
/// The worker's "delivery {EventId} outcome=… redelivered=…" lines (WorkerLog.Delivery), read back. A
/// SIGKILL can cut off the last lines a life logged, so these counts are what the worker is known to
/// have done, never more.
/// </summary>
public sealed partial class WorkerDeliveries(IReadOnlyList<WorkerDelivery> all)
{
    public const string Marker = " delivery ";

    public IReadOnlyList<WorkerDelivery> All => all;

    /// <summary>The deliveries of these events, in the order they were logged.</summary>
    public IReadOnlyList<WorkerDelivery> Of(IReadOnlySet<Guid> eventIds) => all.Where(delivery => eventIds.Contains(delivery.EventId)).ToList();

    public int Count(FulfilmentOutcome outcome) => all.Count(delivery => delivery.Outcome == outcome);

    public int Redelivered => all.Count(delivery => delivery.Redelivered);

    /// <summary>Deliveries whose fulfil request was sent more than once (a lost answer, a 5xx) or given back to the queue.</summary>
    public int Retried => all.Count(delivery => delivery.Attempts > 1 || delivery.Outcome == FulfilmentOutcome.RetryLater);

    /// <summary>Deliveries that settled their event through the API (its id recorded after the answer).</summary>
    public int Settled => all.Count(delivery => delivery.Outcome.IsTerminal());

    /// <summary>Event ids settled through the API more than once: each is a delivery the processed-ids file should have answered.</summary>
    public IReadOnlyList<Guid> SettledTwice => all.Where(delivery => delivery.Outcome.IsTerminal())
        .GroupBy(delivery => delivery.EventId).Where(group => group.Count() > 1).Select(group => group.Key).ToList();

    public static WorkerDeliveries Parse(IEnumerable<string> lines) =>
        new(lines.Select(line => Line().Match(line)).Where(match => match.Success)
            .Select(match => new WorkerDelivery(
                Guid.Parse(match.Groups["id"].Value),
                Enum.Parse<FulfilmentOutcome>(match.Groups["outcome"].Value),
                bool.Parse(match.Groups["redelivered"].Value),
                int.Parse(match.Groups["attempts"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList());

    public string Summary() =>
        $"{all.Count} deliveries seen by the worker ({Redelivered} redelivered, {Retried} retried): " +
        string.Join(", ", Enum.GetValues<FulfilmentOutcome>().Select(outcome => $"{Count(outcome)} {outcome}"));

    [GeneratedRegex(@" delivery (?<id>[0-9a-fA-F-]{36}) outcome=(?<outcome>\w+) redelivered=(?<redelivered>True|False) attempts=(?<attempts>\d+)")]
    private static partial Regex Line();
}
