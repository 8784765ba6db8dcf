namespace Orders.Api.Events;

/// <summary>
/// Ends the relay's backoff as soon as the broker is back, however long the backoff had grown. While
/// the relay waits after a broker failure, the probe tries a plain TCP connect to the broker's port
/// at once and then every <see cref="Interval"/>, and the wait ends the first time the port accepts
/// after a probe saw it refuse (in this wait or an earlier one). A port that accepts throughout (the
/// broker up but refusing the login or too slow to confirm, or a proxy in front of it) never ends a
/// wait, so the probe cannot turn the backoff into a tight retry loop; and after a wake it takes
/// another refusal to arm it again.
/// </summary>
internal sealed class BrokerProbe(Func<CancellationToken, Task<bool>> accepts, TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private bool _sawRefusal;

    /// <summary>The probe of <paramref name="broker"/>, over TCP, each connect bounded by the interval.</summary>
    public static BrokerProbe For(BrokerAddress broker, TimeProvider clock) =>
        new(ct => TcpReachability.AcceptsAsync(broker.Host, broker.Port, Interval, ct), clock);

    /// <summary>
    /// Waits <paramref name="backoff"/> (rounded up to the next probe), or less: returns true as soon
    /// as the broker's port accepts again after it was seen refusing.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan backoff, CancellationToken cancellationToken)
    {
        if (backoff <= TimeSpan.Zero)
        {
            return false;
        }
        var started = clock.GetTimestamp();
        // One timer for the whole wait: a tick that comes while a probe is still connecting is kept,
        // not lost, so the wait never outlives its backoff by more than one probe.
        using var ticks = new PeriodicTimer(backoff < Interval ? backoff : Interval, clock);
        if (await CameBackAsync(cancellationToken))
        {
            return true;
        }
        while (await ticks.WaitForNextTickAsync(cancellationToken))
        {
            if (clock.GetElapsedTime(started) >= backoff)
            {
                return false;
            }
            if (await CameBackAsync(cancellationToken))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The relay published again: a refusal seen before this is no reason to wake later.</summary>
    public void Reset() => _sawRefusal = false;

    private async Task<bool> CameBackAsync(CancellationToken cancellationToken)
    {
        if (!await accepts(cancellationToken))
        {
            _sawRefusal = true;
            return false;
        }
        var cameBack = _sawRefusal;
        _sawRefusal = false;
        return cameBack;
    }
}
