using System.Diagnostics;

namespace Orders.Api.Observability;

/// <summary>
/// The API's own spans (ActivitySource "Orders.Api"): the validation of a create, the create, cancel and change with
/// their outcomes, SQLite's statements and the relay's publishes. Without a listener (tracing off, the
/// default) StartActivity returns null and costs a check.
/// </summary>
public static class OrdersTracing
{
    public const string SourceName = "Orders.Api";

    public const string ValidateSpan = "validate order";

    public const string CreateSpan = "create order";

    /// <summary>The create span's attribute: one of <see cref="Outcomes"/>.</summary>
    public const string OutcomeAttribute = "orders.create.outcome";

    public const string CancelSpan = "cancel order";

    public const string ChangeSpan = "change order";

    public const string FulfilSpan = "fulfil order";

    /// <summary>The cancel, change and fulfil spans' attribute: one of <see cref="TransitionOutcomes"/>.</summary>
    public const string TransitionOutcomeAttribute = "orders.transition.outcome";

    /// <summary>The validation span's attribute: valid, invalid (VALIDATION_FAILED) or unreadable (the body could not be read).</summary>
    public const string ValidationAttribute = "orders.validation.result";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Values of <see cref="OutcomeAttribute"/>; the same split as the 409's <c>sameRequest</c>.</summary>
    public static class Outcomes
    {
        public const string Created = "created";
        public const string DuplicateSame = "duplicate-same";
        public const string DuplicateDifferent = "duplicate-different";

        public static string OfDuplicate(bool sameRequest) => sameRequest ? DuplicateSame : DuplicateDifferent;
    }

    /// <summary>
    /// Values of <see cref="TransitionOutcomeAttribute"/>, also the outcome label of the
    /// orders.transitions metric: what a cancel or change ended in.
    /// </summary>
    public static class TransitionOutcomes
    {
        public const string Cancelled = "cancelled";
        public const string Changed = "changed";
        public const string AlreadyCancelled = "already-cancelled";
        public const string NotChangeable = "not-changeable";
        public const string Fulfilled = "fulfilled";
        public const string AlreadyFulfilled = "already-fulfilled";
        public const string OrderCancelled = "order-cancelled";
        public const string NotCancellable = "not-cancellable";
        public const string PreconditionFailed = "precondition-failed";
        public const string StaleApplied = "precondition-failed-already-applied";
        public const string NotFound = "not-found";
        public const string Invalid = "invalid";
    }

    internal static Activity? StartValidation() => Source.StartActivity(ValidateSpan);

    internal static Activity? StartCreate() => Source.StartActivity(CreateSpan);

    internal static Activity? StartTransition(string span) => Source.StartActivity(span);
}
