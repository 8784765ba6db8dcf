namespace Orders.FaultTests.Harness;

/// <summary>
/// Holds the clients' retries while the API is killed and restarting, and lets them go together once
/// it is ready. Without it they trickle in as soon as it listens, while a server store's pool still
/// warms: on SQLite that burst finished a 400-cancel storm before the second kill could land.
/// A closed gate holds no request that has not lost an answer.
/// </summary>
public sealed class RetryGate
{
    // Bounded: a restart that never returns fails the test elsewhere; a retry waits no longer than this.
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(2);
    private TaskCompletionSource _open = Opened();

    public void Close() => Volatile.Write(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Open() => Volatile.Read(ref _open).TrySetResult();

    /// <summary>Returns when the gate is open, or after <see cref="MaxHold"/>.</summary>
    public async Task WaitAsync()
    {
        try
        {
            await Volatile.Read(ref _open).Task.WaitAsync(MaxHold);
        }
        catch (TimeoutException)
        {
            // Let the retry go: its answer (or its lack of one) is what the ledger records.
        }
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
