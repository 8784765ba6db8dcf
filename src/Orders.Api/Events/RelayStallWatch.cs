using Orders.Api.Storage;

namespace Orders.Api.Events;

/// <summary>
/// Says so in the log when the relay has not published for a while although events wait: one
/// warning when it stalls, repeated once per stall period while it lasts, and one line when it
/// recovers. Single failures are only debug lines: a broker restart is routine.
/// </summary>
internal sealed class RelayStallWatch(TimeSpan stallAfter, TimeProvider clock, ILogger logger)
{
    private DateTime _lastProgress = clock.GetUtcNow().UtcDateTime;
    private DateTime? _stalledReportedAt;
    private OutboxBacklog _backlog = new(0, null);

    public void Backlog(OutboxBacklog backlog) => _backlog = backlog;

    public void Succeeded(int published)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_stalledReportedAt is not null)
        {
            RelayLog.Resumed(logger, (now - _lastProgress).TotalSeconds, published);
            _stalledReportedAt = null;
        }
        _lastProgress = now;
    }

    public void Failed(Exception error, TimeSpan backoff)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reason = error.GetBaseException().Message;
        RelayLog.RoundFailed(logger, backoff.TotalMilliseconds, reason);
        var stalledFor = now - _lastProgress;
        if (stalledFor < stallAfter || (_stalledReportedAt is { } reported && now - reported < stallAfter))
        {
            return;
        }
        _stalledReportedAt = now;
        var oldestAge = _backlog.OldestOccurredAt is { } oldest ? (now - oldest).TotalSeconds : 0;
        RelayLog.Stalled(logger, stalledFor.TotalSeconds, _backlog.Pending, oldestAge, reason);
    }
}
