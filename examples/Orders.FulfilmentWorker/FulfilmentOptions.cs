using System.ComponentModel.DataAnnotations;

namespace Orders.FulfilmentWorker;

/// <summary>
/// The worker's settings, section <c>Fulfilment</c> (environment: <c>Fulfilment__ApiBaseUrl</c> …).
/// The token and the broker's password are secrets: give them by environment, never in a file that
/// is committed.
/// </summary>
public sealed class FulfilmentOptions
{
    public const string Section = "Fulfilment";

    /// <summary>Where the Orders API listens, e.g. http://127.0.0.1:5080/.</summary>
    [Required]
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>A bearer token whose scope holds the API's fulfilment scope (orders:fulfil).</summary>
    [Required]
    public string? Token { get; set; }

    /// <summary>AMQP URI of the RabbitMQ the API publishes its order events to.</summary>
    [Required]
    public Uri? Broker { get; set; }

    /// <summary>The worker's own durable queue, bound to order.placed; one queue per kind of consumer.</summary>
    [Required]
    public string Queue { get; set; } = "orders-fulfilment";

    /// <summary>SQLite file of the event ids already handled (the consumer's half of exactly-once).</summary>
    [Required]
    public string DedupeDatabase { get; set; } = "fulfilment-processed.db";

    /// <summary>Unacked deliveries the broker hands out at once: the work a crash sends back to the queue.</summary>
    [Range(1, 1000)]
    public ushort Prefetch { get; set; } = 16;

    /// <summary>Fulfil requests per delivery before it goes back to the queue for a later try.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>How long one fulfil request may take; a slower one is abandoned and sent again.</summary>
    [Range(1, 300)]
    public int AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>The first wait between attempts; each next one doubles, up to <see cref="MaxBackoffMilliseconds"/>.</summary>
    [Range(1, 60_000)]
    public int InitialBackoffMilliseconds { get; set; } = 200;

    [Range(1, 600_000)]
    public int MaxBackoffMilliseconds { get; set; } = 5_000;

    /// <summary>The carrier the worker ships with (this example ships every order the same way).</summary>
    [Required, StringLength(100, MinimumLength = 1)]
    public string Carrier { get; set; } = "Example Parcel";
}
