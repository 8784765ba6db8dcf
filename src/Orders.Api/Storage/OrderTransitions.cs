using Orders.Api.Model;

namespace Orders.Api.Storage;

/// <summary>
/// A cancel of the owner's order, as the store applies it: one conditional update of a placed order
/// (and of <paramref name="IfMatch"/>'s version when the client sent one), the order.cancelled row in
/// the same transaction. <paramref name="ChangeId"/> is made once per request, before the retries
/// (the event id when events are on): the row keeps it, so a retry whose earlier attempt committed
/// learns that this very request applied it.
/// </summary>
public sealed record OrderCancellation(
    string Owner, string ClientReference, string? Reason, DateTime CancelledAt, OrderVersion? IfMatch, Guid ChangeId);

/// <summary>
/// A change of the owner's placed order by a merge patch (<see cref="OrderPatch"/>), under the same
/// rules as <see cref="OrderCancellation"/>: conditional on status and, when given, on the version.
/// </summary>
public sealed record OrderChange(
    string Owner, string ClientReference, OrderPatch Patch, DateTime ChangedAt, OrderVersion? IfMatch, Guid ChangeId);

/// <summary>
/// The fulfilment service's mark that the owner's placed order shipped, with the carrier and tracking
/// number it shipped with (either may be null), under the same rules as <see cref="OrderCancellation"/>.
/// </summary>
public sealed record OrderFulfilment(
    string Owner, string ClientReference, string? Carrier, string? TrackingNumber, DateTime FulfilledAt, OrderVersion? IfMatch, Guid ChangeId);

/// <summary>What a cancel, change or fulfilment attempt ended in. A refusal is an answer, not an error.</summary>
public abstract record TransitionResult
{
    private TransitionResult() { }

    /// <summary>This request applied the transition; <paramref name="Order"/> is the order after it.</summary>
    public sealed record Applied(Order Order) : TransitionResult;

    /// <summary>
    /// Nothing was written: the order is not in a state the transition applies to, its version is not
    /// the one the client named, or a patch cannot apply. <paramref name="Current"/> is the committed
    /// order, read in the same transaction after the update waited for any concurrent writer of its row.
    /// </summary>
    public sealed record Refused(Order Current) : TransitionResult;

    /// <summary>The owner has no order with that reference.</summary>
    public sealed record NotFound : TransitionResult;

    /// <summary>
    /// The answer from what the transition's batch read back: the order and the change id its row
    /// holds. The row holds this request's id when this attempt, or an earlier attempt of the same
    /// request whose answer was lost with its connection, applied the transition.
    /// </summary>
    public static TransitionResult From(Order? current, Guid? lastChangeId, Guid changeId) =>
        current is null ? new NotFound()
        : lastChangeId == changeId ? new Applied(current)
        : new Refused(current);
}

/// <summary>
/// The outbox row of a cancel, change or fulfilment, made before the store knows the order's id or its new version
/// (an unconditional cancel names the order by reference only). The store writes it in the
/// transition's own transaction, from the updated row: the row's order id and version, then
/// <paramref name="PayloadRest"/>. One round trip, and the event exists exactly when the transition does.
/// </summary>
/// <param name="EventId">The request's change id: the event id consumers deduplicate by.</param>
/// <param name="Type">order.cancelled, order.changed or order.fulfilled, also the routing key.</param>
/// <param name="OccurredAt">When the order was cancelled, changed or fulfilled.</param>
/// <param name="TraceParent">The request's W3C traceparent, null outside a trace.</param>
/// <param name="TraceState">The request's W3C tracestate, null when none.</param>
/// <param name="PayloadRest">
/// The payload after its first two members: it starts with a comma and ends the object
/// (<c>,"clientReference":"…",…}</c>). The full body is <see cref="PayloadFor"/>.
/// </param>
public sealed record TransitionEvent(
    Guid EventId, string Type, string PayloadRest, DateTime OccurredAt, string? TraceParent, string? TraceState)
{
    /// <summary>What the store's statement writes: the body's first two members come from the updated row.</summary>
    public const string PayloadStart = "{\"orderId\":\"";

    /// <summary>Between the order id (lower-case, hyphenated) and the version.</summary>
    public const string PayloadMiddle = "\",\"version\":";

    /// <summary>The payload for the order of this id at this version: what every store's statement builds.</summary>
    public string PayloadFor(Guid orderId, long version) =>
        string.Concat(PayloadStart, orderId.ToString("D"), PayloadMiddle, version.ToString(System.Globalization.CultureInfo.InvariantCulture), PayloadRest);
}
