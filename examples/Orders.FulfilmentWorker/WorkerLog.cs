using Microsoft.Extensions.Logging;

namespace Orders.FulfilmentWorker;

/// <summary>
/// The worker's log lines. "delivery {EventId} outcome={Outcome}" is written once per delivery, after
/// its id is recorded and before its ack: counting those lines gives deliveries, duplicates and 409s.
/// </summary>
internal static partial class WorkerLog
{
    public const string DeliveryPrefix = "delivery ";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "delivery {EventId} outcome={Outcome} redelivered={Redelivered} attempts={Attempts} status={Status} owner={Owner} clientReference={ClientReference}")]
    public static partial void Delivery(ILogger logger, Guid eventId, FulfilmentOutcome outcome, bool redelivered, int attempts, int? status, string owner, string clientReference);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical,
        Message = "delivery {EventId} outcome=Refused redelivered={Redelivered} attempts={Attempts} status={Status} owner={Owner} clientReference={ClientReference}: no retry changes this answer (token, scope or request); left in the queue, stopping")]
    public static partial void Refused(ILogger logger, Guid eventId, bool redelivered, int attempts, int? status, string owner, string clientReference);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "delivery {MessageId} outcome=Unreadable: no message-id, owner header or clientReference; rejected")]
    public static partial void Unreadable(ILogger logger, string? messageId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "fulfil {Owner}/{ClientReference}: attempt {Attempt} got {Status}; again in {DelayMilliseconds:F0} ms")]
    public static partial void AttemptFailed(ILogger logger, string owner, string clientReference, int attempt, int? status, double delayMilliseconds);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "consuming {Queue} (bound to {Exchange} {RoutingKey}, prefetch {Prefetch})")]
    public static partial void Consuming(ILogger logger, string queue, string exchange, string routingKey, ushort prefetch);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "broker connection closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "broker {Broker} unreachable: {Error}")]
    public static partial void BrokerFailed(ILogger logger, string broker, string error);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "reconnecting to the broker in {DelayMilliseconds:F0} ms (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, double delayMilliseconds, int attempt);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "delivery {MessageId} left unacked: {Error}")]
    public static partial void LeftUnacked(ILogger logger, string? messageId, string error);
}
