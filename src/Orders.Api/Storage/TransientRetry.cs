namespace Orders.Api.Storage;

/// <summary>
/// Runs a whole unit of work (open, transaction, commit) again when the database reports a
/// transient fault. Safe for creates because the unique key turns an attempt that did commit before
/// its connection broke into a duplicate, never into a second order.
/// </summary>
public sealed class TransientRetry(int maxAttempts, Func<Exception, bool> isTransient, Action? onRetry = null)
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(25);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> unitOfWork, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork(cancellationToken);
            }
            catch (Exception ex) when (isTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= maxAttempts)
                {
                    throw new StoreUnavailableException($"The store failed {attempt} times with transient errors.", ex);
                }
                onRetry?.Invoke();
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    // Exponential with full jitter, so that a burst of victims does not collide again in step.
    private static TimeSpan Backoff(int attempt) =>
        BaseDelay * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble());
}
