using Orders.Api.Storage;

namespace Orders.Api.Events;

/// <summary>
/// Publishes the outbox to RabbitMQ, in every API instance where events are on. Each round claims a
/// bounded batch in a transaction of its own (competing relays skip each other's rows), publishes it
/// with confirms and marks only what the broker confirmed. Any failure (broker down, database down,
/// confirms missing) drops the connection and backs off; the events wait in the table, and requests
/// are never affected. At least once: a crash between confirm and commit publishes a batch again.
/// After a broker failure the backoff is cut short when the broker's port accepts again
/// (<see cref="BrokerProbe"/>), so a restarted broker hears from the relay within a second, not
/// after whatever the backoff had grown to.
/// </summary>
internal sealed class OrderEventRelay(
    IServiceProvider services,
    EventsOptions options,
    EventMetrics metrics,
    TimeProvider clock,
    ILogger<OrderEventRelay> logger) : BackgroundService
{
    private static readonly TimeSpan BacklogRefresh = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetentionSweep = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);

    private readonly RabbitMqPublisher _publisher = new(options);
    private readonly RelayStallWatch _stall = new(TimeSpan.FromSeconds(options.StallAfterSeconds), clock, logger);
    private DateTime _nextBacklogRead = DateTime.MinValue;
    private DateTime _nextRetentionSweep = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        await Task.Yield(); // never hold up the host's start-up
        // Resolved only when on: with events off nothing about the store is touched.
        var outbox = services.GetRequiredService<IOrderEventOutbox>();
        var broker = BrokerAddress.Of(options.Broker!);
        var probe = BrokerProbe.For(broker, clock);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            var brokerFailed = false;
            try
            {
                var claimed = await RunRoundAsync(outbox, stoppingToken);
                failures = 0;
                probe.Reset();
                wait = claimed < options.BatchSize ? TimeSpan.FromMilliseconds(options.PollIntervalMilliseconds) : TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                metrics.RelayFailed();
                await _publisher.ResetAsync();
                wait = Backoff(failures);
                _stall.Failed(ex, wait);
                brokerFailed = ex is BrokerConnectException or EventPublishException;
            }
            try
            {
                if (brokerFailed && await BrokerCameBackAsync(probe, broker, wait, stoppingToken))
                {
                    failures = 0; // a fresh series: if the broker is not quite ready yet, the next tries come soon
                }
                else if (!brokerFailed && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await _publisher.DisposeAsync();
    }

    /// <summary>Waits out the backoff, or less if the broker's port accepts again first.</summary>
    private async Task<bool> BrokerCameBackAsync(BrokerProbe probe, BrokerAddress broker, TimeSpan backoff, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        if (!await probe.WaitAsync(backoff, ct))
        {
            return false;
        }
        var skippedSeconds = Math.Max(0, (backoff - clock.GetElapsedTime(started)).TotalSeconds);
        RelayLog.BrokerBack(logger, broker, skippedSeconds);
        return true;
    }

    /// <returns>How many events the round claimed.</returns>
    private async Task<int> RunRoundAsync(IOrderEventOutbox outbox, CancellationToken ct)
    {
        await MaintainAsync(outbox, ct);
        try
        {
            await _publisher.ConnectAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            throw new BrokerConnectException(ex);
        }
        var round = await outbox.RelayAsync(options.BatchSize, _publisher.PublishAsync, ct);
        metrics.Published(round.Outcome.Confirmed.Count);
        if (round.Outcome.Failure is { } failure)
        {
            throw new EventPublishException($"{round.Outcome.Confirmed.Count} of {round.Claimed} events confirmed.", failure);
        }
        _stall.Succeeded(round.Claimed);
        return round.Claimed;
    }

    /// <summary>The backlog for the metrics and the stall log, and the retention sweep, when due.</summary>
    private async Task MaintainAsync(IOrderEventOutbox outbox, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now >= _nextBacklogRead)
        {
            _nextBacklogRead = now + BacklogRefresh;
            var backlog = await outbox.BacklogAsync(ct);
            metrics.Backlog(backlog);
            _stall.Backlog(backlog);
        }
        if (now >= _nextRetentionSweep)
        {
            _nextRetentionSweep = now + RetentionSweep;
            var deleted = await outbox.DeletePublishedBeforeAsync(now - TimeSpan.FromHours(options.RetentionHours), ct);
            RelayLog.RetentionSweep(logger, deleted, options.RetentionHours);
        }
    }

    // Exponential with full jitter, capped, so many instances do not reconnect in step.
    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(
            FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16)),
            TimeSpan.FromSeconds(options.MaxBackoffSeconds).TotalMilliseconds) * (0.5 + Random.Shared.NextDouble() / 2));
}

/// <summary>A round in which the broker did not confirm every claimed event.</summary>
internal sealed class EventPublishException(string message, Exception inner) : Exception(message, inner);

/// <summary>A round that could not open its connection and channel to the broker.</summary>
internal sealed class BrokerConnectException(Exception inner) : Exception("Could not connect to the broker.", inner);
