using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// The change load's promises against the database: no change lost (each order holds the city of the
/// last change its client was told is in), none applied twice (version = 1 + the changes told in, one
/// order.changed row for each version after the first), and every answer a 200 or a 412 that the
/// client could act on (<see cref="ChangeLoad.Problems"/>). Each broken promise is one line of the failure message.
/// </summary>
public static class ChangeLedgerCheck
{
    public static async Task AssertAsync(TransitionLedger ledger, ChangeLoad load, IOrderDatabase database, string prefix)
    {
        var stored = await TransitionRows.ReadAsync(database, prefix);
        var problems = new List<string>(load.Problems);
        foreach (var (reference, view) in load.Views)
        {
            if (!stored.TryGetValue(reference, out var order))
            {
                problems.Add($"{reference}: placed but not stored");
                continue;
            }
            if (order.City != view.City)
            {
                problems.Add($"{reference}: holds city '{order.City}', the client's last change in set '{view.City}'");
            }
            if (order.Version != 1 + view.Applied)
            {
                problems.Add($"{reference}: version {order.Version}, the client was told of {view.Applied} changes");
            }
            var changed = order.EventsOf("order.changed").Select(e => e.Version).ToList();
            if (!changed.SequenceEqual(Enumerable.Range(2, (int)Math.Max(0, order.Version - 1)).Select(v => (long)v)) || order.Status != "placed")
            {
                problems.Add($"{reference}: {order.Status} at version {order.Version}, order.changed rows at versions [{string.Join(",", changed)}]");
            }
        }
        problems.AddRange(ledger.Outcomes.Where(o => o is { Status: >= 500 and not 503 } or { Unanswered: Answer.TimedOut })
            .Select(o => $"{o.Reference} request {o.Request}: {o.Label} {o.Code}"));
        Assert.True(problems.Count == 0, $"{problems.Count} broken promises:\n{string.Join('\n', problems.Take(30))}\n{ledger.Summary("ledger")}");
    }
}
