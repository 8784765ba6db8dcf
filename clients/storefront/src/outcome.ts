import { ClientReferenceReusedError, OrderRejectedError, type PlacedOrder, RetriesExhaustedError } from "@orders/client";
import { euros } from "./cart.js";

/** What the status box shows; `state` is also what tests wait for (data-state). */
export interface Outcome {
  state: "placed" | "reused" | "failed";
  title: string;
  detail: string;
  orderId?: string;
}

/** 201 and 409 sameRequest: true read the same to a shopper: the order is placed. */
export function placedOutcome({ order, placedByThisCall }: PlacedOrder): Outcome {
  const items = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  return {
    state: "placed",
    title: "Order placed",
    detail: `${items} items, ${euros(order.total)}. ` + (placedByThisCall
      ? "This request placed it (201)."
      : "An earlier request of this checkout had already placed it (409, same request), so nothing was placed twice."),
    orderId: order.orderId,
  };
}

export function failedOutcome(error: unknown): Outcome {
  if (error instanceof ClientReferenceReusedError) {
    return {
      state: "reused",
      title: "This checkout already placed a different order",
      detail: `Order ${error.problem.orderId} was placed with this checkout's reference and another cart. ` +
        "It is unchanged and nothing new was ordered. To order this cart as well, start a new order.",
      orderId: error.problem.orderId,
    };
  }
  if (error instanceof RetriesExhaustedError) {
    return {
      state: "failed",
      title: "The order service could not be reached",
      detail: `No answer after ${error.attempts} attempts (last: ${reason(error.cause)}). The service may be down, ` +
        "or it may not allow this site's origin (CORS), which a browser reports the same way. Your order may or may " +
        "not have been placed: press Place order again later; this checkout can never be placed twice.",
    };
  }
  if (error instanceof OrderRejectedError) {
    return { state: "failed", title: "The order was refused", detail: `${error.message} Nothing was stored.` };
  }
  return { state: "failed", title: "Something went wrong", detail: reason(error) };
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));
