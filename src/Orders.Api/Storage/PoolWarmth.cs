namespace Orders.Api.Storage;

/// <summary>Whether the start-up warm-up of the store's pool has ended (done, timed out, or not wanted).</summary>
public sealed class PoolWarmth
{
    private volatile bool _ended;

    public bool HasEnded => _ended;

    public void End() => _ended = true;
}
