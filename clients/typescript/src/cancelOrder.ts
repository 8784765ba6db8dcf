import type { Order, OrderAlreadyCancelledProblem, OrdersClient, PreconditionFailedProblem } from "./client.js";
import { OrderChangedElsewhereError, OrderNotCancellableError } from "./errors.js";
import { readOrder } from "./readOrder.js";
import { done, type RetryOptions, retryOrReject, withRetries } from "./retry.js";

export interface CancelRequest {
  /** Why the customer cancels. Send the same one on every retry of one cancel. */
  reason?: string;
  /** The etag the cancel was decided on: a 412 then tells the caller the order moved on since. */
  ifMatch?: string;
}

export interface CancelledOrder {
  /** The order, cancelled. */
  order: Order;
  /** True when this call's request cancelled it (200); false when an earlier request had (409 ORDER_ALREADY_CANCELLED). */
  cancelledByThisCall: boolean;
  /** Only when false above: whether the stored reason is this call's (the 409's sameRequest). */
  sameRequest?: boolean;
}

/**
 * Cancels the order exactly once. Every retry sends the same request, so it can retry blindly on network
 * errors, timeouts, 429 and 5xx: a retry whose first 200 was lost gets 409 ORDER_ALREADY_CANCELLED,
 * which is what it asked for. After a 409 it reads the order (GET), so the caller always gets the
 * cancelled order itself, as placeOrder does after its 409. Throws OrderNotCancellableError on 409
 * ORDER_NOT_CANCELLABLE (the order was fulfilled: shipped), OrderChangedElsewhereError on 412 (ifMatch
 * named an older version; the error holds the current order), OrderRejectedError on 400/404,
 * and RetriesExhaustedError when no attempt got an answer (call again later: it cannot cancel twice).
 */
export async function cancelOrder(client: OrdersClient, clientReference: string, request: CancelRequest = {},
  options: RetryOptions = {}): Promise<CancelledOrder> {
  const body = request.reason === undefined ? undefined : { reason: request.reason };
  const header = request.ifMatch === undefined ? {} : { "If-Match": request.ifMatch };
  const answer = await withRetries<Order | OrderAlreadyCancelledProblem>(options, async (signal) => {
    const { data, error, response } = await client.POST("/orders/{clientReference}/cancellation", {
      params: { path: { clientReference }, header },
      ...(body === undefined ? {} : { body }),
      signal,
    });
    if (data !== undefined) return done(data);
    if (response.status === 409) {
      const problem = error as OrderAlreadyCancelledProblem;
      if (problem.code === "ORDER_NOT_CANCELLABLE") throw new OrderNotCancellableError(problem);
      return done(problem);
    }
    if (response.status === 412) throw new OrderChangedElsewhereError(error as PreconditionFailedProblem);
    return retryOrReject(response, error);
  });
  if ("lines" in answer) return { order: answer, cancelledByThisCall: true };
  const order = await readOrder(client, clientReference, options);
  return { order, cancelledByThisCall: false, ...(answer.sameRequest === undefined ? {} : { sameRequest: answer.sameRequest }) };
}
