using Orders.Api.Observability;
using Orders.Api.Storage.Errors;

namespace Orders.Api.Storage;

/// <summary>
/// Makes each store's <see cref="TransientRetry"/>: errors classified by <see cref="StoreErrors"/>,
/// the configured attempts within the request's deadline, every retry counted.
/// </summary>
public sealed class TransientRetryPolicy(StoreTimeouts timeouts, OrdersMetrics metrics)
{
    /// <param name="clearPool">Empties the store's connection pool, after an error that says its connections may be dead.</param>
    public TransientRetry For(Action clearPool) =>
        new(timeouts.MaxAttempts, timeouts.Deadline, StoreErrors.Classify, metrics.TransientRetry, clearPool);
}
