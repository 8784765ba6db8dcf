namespace Orders.FulfilmentWorker;

/// <summary>What the consumer does with a delivery once it is handled.</summary>
public enum Settlement
{
    /// <summary>Done (its id recorded): ack.</summary>
    Ack,

    /// <summary>Not done, may be later: nack with requeue, the broker delivers it again.</summary>
    Requeue,

    /// <summary>Not an order.placed we can read: rejected without requeue (a dead-letter exchange keeps it, if the queue has one).</summary>
    Reject,

    /// <summary>Not done, and no retry can do it: nack with requeue and stop the worker for an operator.</summary>
    Stop,
}
