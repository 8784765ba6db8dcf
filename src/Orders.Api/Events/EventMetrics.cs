using System.Diagnostics.Metrics;
using Orders.Api.Observability;
using Orders.Api.Storage;

namespace Orders.Api.Events;

/// <summary>
/// The relay's instruments, on the API's meter: the backlog (pending events, age of the oldest) as
/// last read by the relay, and what it published. Nothing is reported while events are off.
/// </summary>
public sealed class EventMetrics
{
    private readonly Counter<long> _published;
    private readonly Counter<long> _failures;
    private readonly TimeProvider _clock;
    private OutboxBacklog? _backlog;

    public EventMetrics(IMeterFactory meterFactory, TimeProvider clock)
    {
        _clock = clock;
        var meter = meterFactory.Create(OrdersMetrics.MeterName);
        _published = meter.CreateCounter<long>("orders.events.published", "{event}", "Events the broker confirmed.");
        _failures = meter.CreateCounter<long>("orders.events.relay_failures", "{round}",
            "Relay rounds that failed (broker or database unreachable, confirms missing); the relay backs off and retries.");
        meter.CreateObservableGauge("orders.events.pending", ObservePending, "{event}", "Events written and not yet published.");
        meter.CreateObservableGauge("orders.events.oldest_pending_age", ObserveOldestAge, "s",
            "Age of the oldest event not yet published (0 when none waits).");
    }

    public void Published(int count) => _published.Add(count);

    public void RelayFailed() => _failures.Add(1);

    public void Backlog(OutboxBacklog backlog) => Volatile.Write(ref _backlog, backlog);

    private IEnumerable<Measurement<long>> ObservePending() =>
        Volatile.Read(ref _backlog) is { } backlog ? [new Measurement<long>(backlog.Pending)] : [];

    private IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        if (Volatile.Read(ref _backlog) is not { } backlog)
        {
            return [];
        }
        var age = backlog.OldestOccurredAt is { } oldest ? (_clock.GetUtcNow().UtcDateTime - oldest).TotalSeconds : 0;
        return [new Measurement<double>(Math.Max(0, age))];
    }
}
