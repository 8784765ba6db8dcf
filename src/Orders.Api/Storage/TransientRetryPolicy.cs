using Orders.Api.Observability;

namespace Orders.Api.Storage;

/// <summary>Makes each store's <see cref="TransientRetry"/>: the configured attempts, every retry counted.</summary>
public sealed class TransientRetryPolicy(StorageOptions options, OrdersMetrics metrics)
{
    public TransientRetry For(Func<Exception, bool> isTransient) => new(options.MaxAttempts, isTransient, metrics.TransientRetry);
}
