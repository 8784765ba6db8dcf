namespace Orders.FulfilmentWorker;

/// <summary>What became of one order.placed event; the terminal ones are recorded with its id.</summary>
public enum FulfilmentOutcome
{
    /// <summary>200: this request fulfilled the order.</summary>
    Fulfilled,

    /// <summary>409 ORDER_ALREADY_FULFILLED: an earlier attempt (whose answer was lost, or a life before a crash) did it.</summary>
    AlreadyFulfilled,

    /// <summary>409 ORDER_CANCELLED: the customer cancelled first; the order must not ship.</summary>
    Cancelled,

    /// <summary>404: no such order for this owner; nothing to ship.</summary>
    NotFound,

    /// <summary>The id was recorded already: a redelivery, acked without calling the API.</summary>
    Duplicate,

    /// <summary>Attempts used up on network errors, timeouts and 5xx: back to the queue, not recorded.</summary>
    RetryLater,

    /// <summary>An answer no retry can change (400, 401, 403, 412 …): not recorded, not acked; the worker stops.</summary>
    Refused,
}

public static class FulfilmentOutcomes
{
    /// <summary>An answer that settles the event: record its id, then ack.</summary>
    public static bool IsTerminal(this FulfilmentOutcome outcome) =>
        outcome is FulfilmentOutcome.Fulfilled or FulfilmentOutcome.AlreadyFulfilled or FulfilmentOutcome.Cancelled or FulfilmentOutcome.NotFound;
}
