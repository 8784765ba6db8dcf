using System.Diagnostics;

namespace Orders.Api.Observability;

/// <summary>
/// The API's own spans (ActivitySource "Orders.Api"): the validation of a create, the create with
/// its outcome, SQLite's statements and the relay's publishes. Without a listener (tracing off, the
/// default) StartActivity returns null and costs a check.
/// </summary>
public static class OrdersTracing
{
    public const string SourceName = "Orders.Api";

    public const string ValidateSpan = "validate order";

    public const string CreateSpan = "create order";

    /// <summary>The create span's attribute: one of <see cref="Outcomes"/>.</summary>
    public const string OutcomeAttribute = "orders.create.outcome";

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

    internal static Activity? StartValidation() => Source.StartActivity(ValidateSpan);

    internal static Activity? StartCreate() => Source.StartActivity(CreateSpan);
}
