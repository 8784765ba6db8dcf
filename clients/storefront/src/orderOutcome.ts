import {
  type CancelledOrder, type ChangedOrder, type Order, OrderChangedElsewhereError, OrderNotCancellableError, OrderNotChangeableError, RetriesExhaustedError,
} from "@orders/client";

/** What the order panel shows after a cancel or a change; `state` is also what tests wait for (data-state). */
export interface OrderOutcome {
  state: "cancelled" | "changed" | "stale" | "failed";
  title: string;
  detail: string;
  /** The order as it now stands, when the answer told it. */
  order?: Order;
}

export function cancelledOutcome({ order, cancelledByThisCall }: CancelledOrder): OrderOutcome {
  return {
    state: "cancelled",
    title: "Order cancelled",
    detail: cancelledByThisCall
      ? "This request cancelled it (200)."
      : "An earlier request had already cancelled it (409 ORDER_ALREADY_CANCELLED), so it was cancelled once.",
    order,
  };
}

export function changedOutcome({ order, changedByThisCall }: ChangedOrder): OrderOutcome {
  return {
    state: "changed",
    title: "Address changed",
    detail: changedByThisCall
      ? "This request changed it (200)."
      : "An earlier attempt had already made this change (412, alreadyApplied), so it was made once.",
    order,
  };
}

/**
 * A 412 that is not this change, or a 409 "cancelled" or "shipped": the order moved on elsewhere (another tab, the
 * shop's staff). Nothing was written; the panel shows the order as it is so the shopper decides again.
 */
export function transitionFailedOutcome(error: unknown): OrderOutcome {
  if (error instanceof OrderChangedElsewhereError) {
    return {
      state: "stale",
      title: "Your order was changed elsewhere",
      detail: "Nothing was changed by this request. Above is the order as it is now; change or cancel it again if you still want to.",
      order: error.current,
    };
  }
  if (error instanceof OrderNotCancellableError) {
    return { state: "stale", title: "Your order has shipped", detail: "It can no longer be cancelled, so nothing was changed (409 ORDER_NOT_CANCELLABLE)." };
  }
  if (error instanceof OrderNotChangeableError) {
    return error.problem.orderStatus === "fulfilled"
      ? { state: "stale", title: "Your order has shipped", detail: "A shipped order cannot change. Nothing was changed." }
      : { state: "stale", title: "Your order is cancelled", detail: "A cancelled order cannot change. Nothing was changed." };
  }
  if (error instanceof RetriesExhaustedError) {
    return {
      state: "failed",
      title: "The order service could not be reached",
      detail: `No answer after ${error.attempts} attempts. It may or may not have happened: press the button again; it cannot happen twice.`,
    };
  }
  return { state: "failed", title: "Something went wrong", detail: error instanceof Error ? error.message : String(error) };
}
