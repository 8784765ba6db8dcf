using System.Globalization;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness.Citus;

/// <summary>
/// What one node fault under load did: each owner's ledger, the owners whose shards the fault took
/// away, and three moments: the node gone (after the kill or stop returned), being started again,
/// and accepting again. What every node fault test checks and reports is read from it.
/// </summary>
public sealed record NodeFaultRun(
    IReadOnlyDictionary<string, Ledger> Ledgers, IReadOnlySet<string> Reached, DateTime Down, DateTime Restarting, DateTime Accepting)
{
    public IEnumerable<Outcome> Outcomes(IEnumerable<string>? owners = null) =>
        (owners ?? Ledgers.Keys).SelectMany(owner => Ledgers[owner].Outcomes);

    public IEnumerable<string> Unreached => Ledgers.Keys.Where(owner => !Reached.Contains(owner));

    /// <summary>Requests sent after the node was gone and answered before it was started again.</summary>
    public List<Outcome> WhileDown(IEnumerable<string> owners) =>
        Outcomes(owners).Where(o => o.StartedUtc >= Down && o.AnsweredUtc <= Restarting).ToList();

    /// <summary>From the node accepting again to the first 201 for an owner it had cut off; null if none came.</summary>
    public TimeSpan? Recovery =>
        Outcomes(Reached).Where(o => o.Answer == Answer.Created && o.AnsweredUtc >= Accepting)
            .Select(o => (TimeSpan?)(o.AnsweredUtc - Accepting)).Min();

    /// <summary>From the node accepting again to the end of the last failed answer for those owners (zero: none failed after).</summary>
    public TimeSpan LastFailureAfterAccepting =>
        Outcomes(Reached).Where(o => !o.Settled && o.StartedUtc >= Accepting)
            .Select(o => o.AnsweredUtc - Accepting).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <summary>Every owner's ledger against the database; then the client's retries of each unsettled request, and again.</summary>
    public Task AssertLedgersHoldAsync(IOrderDatabase database, Func<string, HttpClient> clientOf) =>
        LedgerCheck.AssertOwnersHoldAsync(Ledgers, database, clientOf);

    /// <summary>"3,668 x 201, 219 x 503, 0 x 500": the 500s always named, unanswered requests by what happened.</summary>
    public static string Counts(IEnumerable<Outcome> outcomes)
    {
        var groups = outcomes.GroupBy(o => o.Status == 0 ? o.Answer.ToString() : o.Status.ToString(CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());
        groups.TryAdd("500", 0);
        return string.Join(", ", groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Value:N0} x {g.Key}")));
    }

    /// <summary>Why a check failed: what the owners were told in a window, grouped.</summary>
    public static string Describe(IEnumerable<Outcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => $"{o.Answer} {o.Status} {o.Code}").Select(g => $"{g.Count()} x {g.Key}"));
}
