using System.Collections.Concurrent;

namespace Orders.FaultTests.Harness;

/// <summary>
/// The client-side record of every cancel and change attempt. A request whose answer was lost (or
/// that got a 503) is sent again, the same request, until it gets an answer: the client contract of
/// issue 34, which says that the next answer alone tells what happened.
/// </summary>
public sealed class TransitionLedger
{
    // Bounded: 600 x 100 ms outlasts any restart of the API; a request still unanswered then is a finding.
    private const int MaxAttempts = 600;
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentQueue<TransitionOutcome> _outcomes = new();
    private int _started;

    public IReadOnlyCollection<TransitionOutcome> Outcomes => _outcomes;

    /// <summary>Closed while the API restarts: retries wait for it (<see cref="MidLoadKills"/>).</summary>
    public RetryGate Gate { get; } = new();

    /// <summary>Requests begun so far (each counted once, however often it was retried): the load's progress.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>
    /// Sends the request, then again after each lost answer or 503 (pausing, and waiting for the
    /// <see cref="Gate"/>, so a killed API is not hammered while it restarts), until answered. Returns the last answer and whether an answer was lost.
    /// </summary>
    public async Task<(TransitionOutcome Final, bool AnswerWasLost)> SendUntilAnsweredAsync(
        HttpClient client, int request, string reference, Func<HttpRequestMessage> message)
    {
        Interlocked.Increment(ref _started);
        var lost = false;
        var outcome = await SendAsync(client, request, reference, message, isRetry: false);
        for (var attempt = 1; attempt < MaxAttempts && outcome.CallsForRetry; attempt++)
        {
            lost |= outcome.Unanswered == Answer.Lost;
            await Task.Delay(RetryPause);
            await Gate.WaitAsync();
            outcome = await SendAsync(client, request, reference, message, isRetry: true);
        }
        return (outcome, lost);
    }

    /// <summary>What each request whose answer was lost ended in, by its last answer.</summary>
    public IReadOnlyList<TransitionOutcome> FinalAnswersOfLost() =>
        _outcomes.GroupBy(o => o.Request)
            .Where(g => g.Any(o => o.Unanswered == Answer.Lost))
            .Select(g => g.Last())
            .ToList();

    /// <summary>One line of counts for the test output (and the report).</summary>
    public string Summary(string label)
    {
        var first = _outcomes.Where(o => !o.IsRetry).ToList();
        var retries = _outcomes.Where(o => o.IsRetry).ToList();
        return $"{label}: {first.Count} requests ({first.Select(o => o.Reference).Distinct().Count()} orders), " +
            $"{first.Count(o => o.Unanswered == Answer.Lost)} first answers lost, {retries.Count} retries, " +
            $"{FinalAnswersOfLost().Count} requests retried after a lost answer; " +
            $"first tries: {Counts(first)}; retries: {Counts(retries)}; " +
            $"lost requests ended: {Counts(FinalAnswersOfLost())}";
    }

    private static string Counts(IEnumerable<TransitionOutcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => (o.Label, o.Code, o.AlreadyApplied))
            .OrderBy(g => g.Key.Label, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} x {g.Key.Label}{(g.Key.Code is null ? "" : " " + g.Key.Code)}{(g.Key.AlreadyApplied is { } applied ? $" alreadyApplied={applied}" : "")}"));

    private async Task<TransitionOutcome> SendAsync(HttpClient client, int request, string reference, Func<HttpRequestMessage> message, bool isRetry)
    {
        var outcome = await TransitionClient.SendAsync(client, request, reference, message, isRetry);
        _outcomes.Enqueue(outcome);
        return outcome;
    }
}
