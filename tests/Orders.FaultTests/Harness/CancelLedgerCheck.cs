using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// The cancel storm's promises against the database: every order cancelled, once, with one
/// order.cancelled row; every answer a 200 or a 409 ORDER_ALREADY_CANCELLED that tells the truth
/// about the stored cancel; at most one 200 per order; no 5xx but 503, no hang, no request left
/// unanswered. Each broken promise is one line of the failure message.
/// </summary>
public static class CancelLedgerCheck
{
    public static async Task AssertAsync(TransitionLedger ledger, IReadOnlyList<CancelStorm.CancelRequest> requests, IOrderDatabase database, string prefix)
    {
        var stored = await TransitionRows.ReadAsync(database, prefix);
        var problems = new List<string>();
        foreach (var reference in requests.Select(r => r.Reference).Distinct())
        {
            if (!stored.TryGetValue(reference, out var order))
            {
                problems.Add($"{reference}: placed but not stored");
                continue;
            }
            var cancelled = order.EventsOf("order.cancelled");
            if (order.Status != "cancelled" || order.Version != 2)
            {
                problems.Add($"{reference}: {order.Status} at version {order.Version}, not cancelled once");
            }
            if (cancelled.Count != 1 || cancelled[0].Version != order.Version || order.Events.Count != 2)
            {
                problems.Add($"{reference}: {cancelled.Count} order.cancelled rows (versions {string.Join(",", order.Events.Select(e => $"{e.Type}@{e.Version}"))})");
            }
        }
        var byNumber = requests.ToDictionary(r => r.Number);
        foreach (var outcome in ledger.Outcomes)
        {
            var request = byNumber[outcome.Request];
            var order = stored.GetValueOrDefault(outcome.Reference);
            var sameReason = order?.CancellationReason == request.Reason;
            var problem = outcome switch
            {
                { Status: 200 } when !sameReason => $"told 200 for reason '{request.Reason}', stored '{order?.CancellationReason}'",
                { Status: 200 } => null,
                { Status: 409, Code: "ORDER_ALREADY_CANCELLED" } when outcome.SameRequest != sameReason =>
                    $"409 sameRequest={outcome.SameRequest} for reason '{request.Reason}', stored '{order?.CancellationReason}'",
                { Status: 409, Code: "ORDER_ALREADY_CANCELLED" } => null,
                { Status: 503, Code: "STORE_UNAVAILABLE" } => null,
                { Unanswered: Answer.Lost } => null,
                _ => $"{outcome.Label} {outcome.Code}",
            };
            if (problem is not null)
            {
                problems.Add($"{outcome.Reference} request {outcome.Request}{(outcome.IsRetry ? " (retry)" : "")}: {problem}");
            }
        }
        problems.AddRange(ledger.Outcomes.Where(o => o.Status == 200).GroupBy(o => o.Reference).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {g.Count()} cancels answered 200"));
        problems.AddRange(ledger.Outcomes.GroupBy(o => o.Request).Select(g => g.Last()).Where(o => o.CallsForRetry)
            .Select(o => $"{o.Reference} request {o.Request}: still unanswered after its retries ({o.Label})"));
        Assert.True(problems.Count == 0, $"{problems.Count} broken promises:\n{string.Join('\n', problems.Take(30))}\n{ledger.Summary("ledger")}");
    }
}
