import type { FulfilOrderRequest, Order, OrderAlreadyFulfilledProblem, OrdersClient, PreconditionFailedProblem } from "./client.js";
import { OrderCancelledError, OrderChangedElsewhereError } from "./errors.js";
import { done, type RetryOptions, retryOrReject, withRetries } from "./retry.js";

export interface FulfilConditions {
  /** The etag the fulfilment was decided on: a 412 then says the (still placed) order changed since. */
  ifMatch?: string;
}

export interface FulfilledOrder {
  /** True when this call's request fulfilled it (200); false when an earlier request had (409 ORDER_ALREADY_FULFILLED). */
  fulfilledByThisCall: boolean;
  clientReference: string;
  orderId: string;
  fulfilledAt: string;
  carrier: string | null;
  trackingNumber: string | null;
  /** The order's entity tag after the fulfilment. */
  etag: string;
  /**
   * The fulfilled order, from a 200 only: a service's token may not read an owner's order, and the 409
   * carries what a service needs (the fields above).
   */
  order?: Order;
  /** Only when fulfilledByThisCall is false: whether the stored carrier and tracking number are this call's. */
  sameRequest?: boolean;
}

/**
 * For a fulfilment service (a token with the fulfilment scope, `orders:fulfil`): marks the owner's placed
 * order fulfilled (shipped) exactly once, naming it as the `order.placed` event does (its `owner` header
 * and `clientReference`). Every retry sends the same request, so it retries blindly on network errors,
 * timeouts, 429 and 5xx: a retry whose 200 was lost gets 409 ORDER_ALREADY_FULFILLED, which is what it
 * asked for, and returns the fulfilment from it. Throws OrderCancelledError on 409 ORDER_CANCELLED (the
 * customer cancelled: do not ship), OrderChangedElsewhereError on 412 (ifMatch named an older version),
 * OrderRejectedError on 400/403/404, and RetriesExhaustedError when no attempt got an answer (call again
 * later: it cannot fulfil twice).
 */
export async function fulfilOrder(client: OrdersClient, owner: string, clientReference: string, body: FulfilOrderRequest = {},
  conditions: FulfilConditions = {}, options: RetryOptions = {}): Promise<FulfilledOrder> {
  const header = conditions.ifMatch === undefined ? {} : { "If-Match": conditions.ifMatch };
  return withRetries<FulfilledOrder>(options, async (signal) => {
    const { data, error, response } = await client.POST("/owners/{owner}/orders/{clientReference}/fulfilment", {
      params: { path: { owner, clientReference }, header },
      body,
      signal,
    });
    if (data !== undefined) return done(fulfilledBy(data));
    if (response.status === 409) {
      const problem = error as OrderAlreadyFulfilledProblem;
      if (problem.code === "ORDER_CANCELLED") throw new OrderCancelledError(problem);
      return done(alreadyFulfilled(problem));
    }
    if (response.status === 412) throw new OrderChangedElsewhereError(error as PreconditionFailedProblem);
    return retryOrReject(response, error);
  });
}

function fulfilledBy(order: Order): FulfilledOrder {
  const { clientReference, orderId, fulfilledAt, carrier, trackingNumber, etag } = order;
  // A 200 is the fulfilled order: fulfilledAt is set.
  return { fulfilledByThisCall: true, clientReference, orderId, fulfilledAt: fulfilledAt!, carrier, trackingNumber, etag, order };
}

function alreadyFulfilled(problem: OrderAlreadyFulfilledProblem): FulfilledOrder {
  const { clientReference, orderId, fulfilledAt, carrier, trackingNumber, etag, sameRequest } = problem;
  // ORDER_ALREADY_FULFILLED always carries the stored fulfilment (the schema is shared with ORDER_CANCELLED).
  return { fulfilledByThisCall: false, clientReference, orderId, fulfilledAt: fulfilledAt!, carrier: carrier ?? null,
    trackingNumber: trackingNumber ?? null, etag, ...(sameRequest === undefined ? {} : { sameRequest }) };
}
