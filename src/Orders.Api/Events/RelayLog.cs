namespace Orders.Api.Events;

/// <summary>The relay's log lines (event ids 20-29).</summary>
internal static partial class RelayLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "Order event relay stalled: nothing published for {StalledSeconds:F0} s, {Pending} events waiting (oldest {OldestAgeSeconds:F0} s); last error: {Error}")]
    public static partial void Stalled(ILogger logger, double stalledSeconds, long pending, double oldestAgeSeconds, string error);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information,
        Message = "Order event relay resumed after {StalledSeconds:F0} s, {Published} events in the first round")]
    public static partial void Resumed(ILogger logger, double stalledSeconds, int published);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "Order event relay round failed, next attempt in {BackoffMilliseconds:F0} ms: {Error}")]
    public static partial void RoundFailed(ILogger logger, double backoffMilliseconds, string error);

    [LoggerMessage(EventId = 23, Level = LogLevel.Debug, Message = "Deleted {Deleted} order events published over {RetentionHours} h ago")]
    public static partial void RetentionSweep(ILogger logger, int deleted, int retentionHours);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information,
        Message = "Order event relay: the broker at {Broker} accepts connections again; reconnecting now, {SkippedSeconds:F1} s before the backoff would have ended")]
    public static partial void BrokerBack(ILogger logger, BrokerAddress broker, double skippedSeconds);
}
