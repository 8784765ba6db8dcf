namespace Orders.Api.Events;

/// <summary>
/// The <c>Events</c> configuration section. Off unless <see cref="Broker"/> is set: then every create
/// also writes an <c>order.placed</c> row in its own transaction, and a relay in this process
/// publishes those rows to RabbitMQ.
/// </summary>
public sealed class EventsOptions
{
    public const string SectionName = "Events";

    /// <summary>AMQP URI of the broker, e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>; unset: events off.</summary>
    public string? Broker { get; set; }

    /// <summary>Most events one relay claims and publishes per round (one transaction).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long an idle relay waits before it looks for new events again.</summary>
    public int PollIntervalMilliseconds { get; set; } = 100;

    /// <summary>Longest wait between attempts while the broker or the database is down.</summary>
    public int MaxBackoffSeconds { get; set; } = 30;

    /// <summary>How long a batch may wait for the broker's confirms before the round is given up.</summary>
    public int PublishTimeoutSeconds { get; set; } = 10;

    /// <summary>Published rows are deleted this many hours after they were published.</summary>
    public int RetentionHours { get; set; } = 72;

    /// <summary>A relay that has not published for this long while events wait logs a warning.</summary>
    public int StallAfterSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Broker);
}
