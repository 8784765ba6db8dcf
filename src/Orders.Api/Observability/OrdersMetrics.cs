using System.Diagnostics.Metrics;

namespace Orders.Api.Observability;

/// <summary>
/// The API's own instruments (meter "Orders.Api"). Created through IMeterFactory, so each app instance
/// (and each test host) counts on its own.
/// </summary>
public sealed class OrdersMetrics
{
    public const string MeterName = "Orders.Api";

    private readonly Counter<long> _created;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _transientRetries;
    private readonly Histogram<double> _storeDuration;

    public OrdersMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _created = meter.CreateCounter<long>("orders.created", "{order}", "Orders created (201).");
        _duplicates = meter.CreateCounter<long>("orders.duplicates", "{request}",
            "Requests answered 409 DUPLICATE_IDEMPOTENCY_KEY, by same_request (true: a retry; false: a reused reference).");
        _rejections = meter.CreateCounter<long>("orders.rejections", "{request}",
            "Requests refused, by reason: validation, auth, rate_limit, store_unavailable.");
        _transitions = meter.CreateCounter<long>("orders.transitions", "{request}",
            "Cancels and changes that reached the store, by transition (cancel, change) and outcome (cancelled, changed, already-cancelled, not-changeable, precondition-failed, precondition-failed-already-applied, not-found, invalid).");
        _transientRetries = meter.CreateCounter<long>("orders.store.transient_retries", "{retry}",
            "Units of work run again after a transient database error.");
        _storeDuration = meter.CreateHistogram<double>("orders.store.duration", "s",
            "Duration of one store call, retries included, by operation and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void OrderCreated() => _created.Add(1);

    public void Duplicate(bool sameRequest) =>
        _duplicates.Add(1, new KeyValuePair<string, object?>("same_request", sameRequest ? "true" : "false"));

    public void Rejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Transition(string transition, string outcome) => _transitions.Add(1,
        new KeyValuePair<string, object?>("transition", transition), new KeyValuePair<string, object?>("outcome", outcome));

    public void TransientRetry() => _transientRetries.Add(1);

    public void StoreCall(string operation, string outcome, TimeSpan elapsed) =>
        _storeDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Values of the <c>reason</c> tag.</summary>
    public static class Reasons
    {
        public const string Validation = "validation";
        public const string StoreUnavailable = "store_unavailable";
        public const string Auth = "auth";
        public const string RateLimit = "rate_limit";
    }
}
