namespace Orders.Api.Storage;

/// <summary>
/// Opens a store's connections before its instance takes traffic, and gives each the statements a
/// request will send, so that a burst on a freshly started instance meets sessions that are ready
/// (Hosting/PoolWarmUpService runs it; /health/ready waits for it).
/// </summary>
public interface IStoreWarmUp
{
    /// <summary>
    /// Opens <paramref name="connections"/> connections at once (so the pool makes that many sessions, not
    /// one reused), warms each, and returns them to the pool. Leaves nothing stored.
    /// </summary>
    Task WarmUpAsync(int connections, CancellationToken cancellationToken);
}

/// <summary>SQLite: one file, no sessions to start.</summary>
internal sealed class NoWarmUp : IStoreWarmUp
{
    public Task WarmUpAsync(int connections, CancellationToken cancellationToken) => Task.CompletedTask;
}
