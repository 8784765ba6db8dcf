namespace Orders.Api.Contracts;

/// <summary>
/// 409 ORDER_ALREADY_CANCELLED: the order was cancelled before this request, which changed nothing. Built
/// from the stored order, like the create's 409: a client whose cancel's answer was lost learns from this
/// alone that the order is cancelled.
/// </summary>
public sealed class OrderAlreadyCancelledProblem : ApiProblem
{
    /// <summary>The reference of the order.</summary>
    public required string ClientReference { get; init; }

    /// <summary>The id of the order.</summary>
    public required Guid OrderId { get; init; }

    /// <summary>Where to read the order (GET).</summary>
    public required string OrderUrl { get; init; }

    /// <summary>The state the order is in: "cancelled".</summary>
    public required string OrderStatus { get; init; }

    /// <summary>When the order was cancelled.</summary>
    public required DateTime CancelledAt { get; init; }

    /// <summary>The reason stored with the cancel; null when it was cancelled without one.</summary>
    public required string? CancellationReason { get; init; }

    /// <summary>The order's current entity tag, as GET orderUrl sends it.</summary>
    public required string Etag { get; init; }

    /// <summary>
    /// True: the stored cancel carries this request's reason (or neither has one), so this is most likely
    /// a retry of a cancel that succeeded. False: the order was cancelled with another reason. Either way
    /// the order is cancelled.
    /// </summary>
    public required bool SameRequest { get; init; }
}

/// <summary>
/// 409 ORDER_NOT_CHANGEABLE: the order is no longer placed (it was cancelled), so it cannot change. Nothing
/// was written.
/// </summary>
public sealed class OrderNotChangeableProblem : ApiProblem
{
    /// <summary>The reference of the order.</summary>
    public required string ClientReference { get; init; }

    /// <summary>The id of the order.</summary>
    public required Guid OrderId { get; init; }

    /// <summary>Where to read the order (GET).</summary>
    public required string OrderUrl { get; init; }

    /// <summary>The state the order is in: "cancelled".</summary>
    public required string OrderStatus { get; init; }

    /// <summary>The order's current entity tag.</summary>
    public required string Etag { get; init; }
}

/// <summary>
/// 412 PRECONDITION_FAILED: If-Match named another version of the order than the stored one, so nothing was
/// written (RFC 9110 §13.1.1). Carries the current order and its tag: decide from them, then send again with
/// If-Match set to <c>etag</c> if the change still makes sense.
/// </summary>
public sealed class PreconditionFailedProblem : ApiProblem
{
    /// <summary>The order's current entity tag; also in the ETag header.</summary>
    public required string Etag { get; init; }

    /// <summary>The order as it stands now.</summary>
    public required OrderResponse Order { get; init; }

    /// <summary>
    /// Only on a change (PATCH): true when the current order already holds exactly what the patch sets, so
    /// a change whose 200 was lost learns here that it is in, and stops. Absent on a cancel.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? AlreadyApplied { get; init; }
}
