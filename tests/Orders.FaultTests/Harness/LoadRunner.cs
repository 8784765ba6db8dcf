namespace Orders.FaultTests.Harness;

/// <summary>
/// Closed-loop load: each worker POSTs a new reference as soon as its last request ended, until told
/// to stop or the request budget is spent. Every request goes through the ledger.
/// </summary>
public static class LoadRunner
{
    // After a lost answer or a 503 a worker pauses, so a down API is not hammered in a tight loop
    // (and the ledger does not fill with thousands of refused connections).
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(50);

    /// <param name="abortAfter">
    /// When given, each request is abandoned by its client after the returned delay (null: never),
    /// as a browser tab closed mid-checkout would.
    /// </param>
    public static async Task RunAsync(
        Ledger ledger, Func<HttpClient> client, string prefix, int workers, int maxRequests,
        CancellationToken stop, Func<TimeSpan?>? abortAfter = null)
    {
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int number;
            while (!stop.IsCancellationRequested && (number = Interlocked.Increment(ref sent)) <= maxRequests)
            {
                using var abort = new CancellationTokenSource();
                if (abortAfter?.Invoke() is { } delay)
                {
                    abort.CancelAfter(delay);
                }
                var outcome = await ledger.PostAsync(client(), OrderBody.New(prefix, number), abort: abort.Token);
                if (!outcome.Settled && !stop.IsCancellationRequested)
                {
                    await Task.Delay(PauseAfterFailure, CancellationToken.None);
                }
            }
        }, CancellationToken.None)));
    }
}
