namespace Orders.Api.Contracts;

/// <summary>
/// 409 ORDER_ALREADY_FULFILLED: the order was fulfilled before this request, which changed nothing. Built
/// from the stored order: a service whose fulfilment's answer was lost learns from this alone that it is in.
/// </summary>
public sealed class OrderAlreadyFulfilledProblem : ApiProblem
{
    /// <summary>The reference of the order.</summary>
    public required string ClientReference { get; init; }

    /// <summary>The id of the order.</summary>
    public required Guid OrderId { get; init; }

    /// <summary>The state the order is in: "fulfilled".</summary>
    public required string OrderStatus { get; init; }

    /// <summary>When the order was fulfilled.</summary>
    public required DateTime FulfilledAt { get; init; }

    /// <summary>The carrier stored with the fulfilment; null when none was given.</summary>
    public required string? Carrier { get; init; }

    /// <summary>The tracking number stored with the fulfilment; null when none was given.</summary>
    public required string? TrackingNumber { get; init; }

    /// <summary>The order's current entity tag.</summary>
    public required string Etag { get; init; }

    /// <summary>
    /// True: the stored fulfilment carries this request's carrier and tracking number, so this is most
    /// likely a retry of a fulfilment that succeeded. False: it was fulfilled with others. Either way the
    /// order is fulfilled.
    /// </summary>
    public required bool SameRequest { get; init; }
}

/// <summary>
/// 409 ORDER_CANCELLED: the customer cancelled the order, so it must not be shipped. Nothing was written.
/// </summary>
/// <remarks>
/// Its members are a part of <see cref="OrderAlreadyFulfilledProblem"/>'s, which the document declares
/// as the fulfilment's one 409 schema (one object, not a oneOf: see OpenApi/ResponseSchemaRules).
/// </remarks>
public sealed class OrderCancelledProblem : ApiProblem
{
    /// <summary>The reference of the order.</summary>
    public required string ClientReference { get; init; }

    /// <summary>The id of the order.</summary>
    public required Guid OrderId { get; init; }

    /// <summary>The state the order is in: "cancelled".</summary>
    public required string OrderStatus { get; init; }

    /// <summary>The order's current entity tag.</summary>
    public required string Etag { get; init; }
}

/// <summary>
/// 409 ORDER_NOT_CANCELLABLE: the order was fulfilled (shipped), so the customer can no longer cancel it.
/// Nothing was written.
/// </summary>
/// <remarks>
/// Its members are a part of <see cref="OrderAlreadyCancelledProblem"/>'s, which the document declares as
/// the cancel's one 409 schema.
/// </remarks>
public sealed class OrderNotCancellableProblem : ApiProblem
{
    /// <summary>The reference of the order.</summary>
    public required string ClientReference { get; init; }

    /// <summary>The id of the order.</summary>
    public required Guid OrderId { get; init; }

    /// <summary>Where to read the order (GET).</summary>
    public required string OrderUrl { get; init; }

    /// <summary>The state the order is in: "fulfilled".</summary>
    public required string OrderStatus { get; init; }

    /// <summary>The order's current entity tag.</summary>
    public required string Etag { get; init; }
}
