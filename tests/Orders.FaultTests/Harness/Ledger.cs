using System.Collections.Concurrent;

namespace Orders.FaultTests.Harness;

/// <summary>
/// The client-side record of every request and what it was told. After a run it is the claim the
/// database is checked against (<see cref="LedgerCheck"/>).
/// </summary>
public sealed class Ledger
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentDictionary<string, OrderBody> _bodies = new();
    private readonly ConcurrentQueue<Outcome> _outcomes = new();

    public IReadOnlyCollection<Outcome> Outcomes => _outcomes;

    public IReadOnlyDictionary<string, OrderBody> Bodies => _bodies;

    /// <summary>Sends the body (recording it first, so a lost answer still counts as sent).</summary>
    public async Task<Outcome> PostAsync(HttpClient client, OrderBody body, bool isRetry = false, CancellationToken abort = default)
    {
        _bodies.TryAdd(body.Reference, body);
        var outcome = await LedgerClient.PostAsync(client, body, isRetry, abort);
        _outcomes.Enqueue(outcome);
        return outcome;
    }

    public int Count(Answer answer, bool? retries = null) =>
        _outcomes.Count(o => o.Answer == answer && (retries is null || o.IsRetry == retries));

    /// <summary>References the client cannot yet know to be placed: every answer was lost, aborted or 503.</summary>
    public IReadOnlyList<OrderBody> Unsettled()
    {
        var settled = _outcomes.Where(o => o.Settled).Select(o => o.Reference).ToHashSet();
        return _bodies.Values.Where(body => !settled.Contains(body.Reference)).ToList();
    }

    /// <summary>
    /// What the client contract says to do: send every unsettled request again, same body, until it
    /// settles (bounded: a few attempts each, pausing on 503 or a lost answer).
    /// </summary>
    public async Task RetryUnsettledAsync(HttpClient client, int maxAttemptsEach = 10)
    {
        var pending = Unsettled();
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (body, ct) =>
        {
            for (var attempt = 0; attempt < maxAttemptsEach; attempt++)
            {
                if ((await PostAsync(client, body, isRetry: true, ct)).Settled)
                {
                    return;
                }
                await Task.Delay(RetryPause, ct);
            }
        });
    }

    /// <summary>One line of counts for the test output (and the report).</summary>
    public string Summary(string label) =>
        $"{label}: {_bodies.Count} references, {_outcomes.Count} requests; first tries: " +
        string.Join(", ", Enum.GetValues<Answer>().Select(a => (a, n: Count(a, retries: false))).Where(x => x.n > 0).Select(x => $"{x.n} x {x.a}")) +
        "; retries: " +
        string.Join(", ", Enum.GetValues<Answer>().Select(a => (a, n: Count(a, retries: true))).Where(x => x.n > 0).Select(x => $"{x.n} x {x.a}"));
}
