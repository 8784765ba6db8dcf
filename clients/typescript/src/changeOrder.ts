import type { Order, OrderChange, OrderNotChangeableProblem, OrdersClient, PreconditionFailedProblem } from "./client.js";
import { OrderChangedElsewhereError, OrderNotChangeableError } from "./errors.js";
import { done, type RetryOptions, retryOrReject, withRetries } from "./retry.js";

export interface ChangedOrder {
  /** The order holding the change. */
  order: Order;
  /** Its new entity tag (also order.etag): the If-Match of the next change or cancel. */
  etag: string;
  /** True when this call's request wrote it (200); false when an earlier attempt had (412 alreadyApplied: true). */
  changedByThisCall: boolean;
}

/**
 * Changes the order exactly once, as a JSON merge patch made from the version `etag` names. Every
 * retry sends the same If-Match, so a second write cannot happen: a retry whose 200 was lost gets 412
 * with alreadyApplied: true, which means the change is in, and its `order` is returned. It retries
 * network errors, timeouts, 429 and 5xx like placeOrder. Throws OrderChangedElsewhereError on a 412
 * that does not hold this change (someone else changed or cancelled the order: the error holds the
 * current order), OrderNotChangeableError on 409 (cancelled or fulfilled), OrderRejectedError on 400/404/428.
 */
export async function changeOrder(client: OrdersClient, clientReference: string, patch: OrderChange, etag: string,
  options: RetryOptions = {}): Promise<ChangedOrder> {
  return withRetries<ChangedOrder>(options, async (signal) => {
    const { data, error, response } = await client.PATCH("/orders/{clientReference}", {
      params: { path: { clientReference }, header: { "If-Match": etag } },
      body: patch,
      // RFC 7396: null removes a member, which a plain JSON body would not say.
      headers: { "Content-Type": "application/merge-patch+json" },
      signal,
    });
    if (data !== undefined) return done({ order: data, etag: data.etag, changedByThisCall: true });
    if (response.status === 412) {
      const stale = error as PreconditionFailedProblem;
      if (stale.alreadyApplied === true) return done({ order: stale.order, etag: stale.etag, changedByThisCall: false });
      throw new OrderChangedElsewhereError(stale);
    }
    if (response.status === 409) throw new OrderNotChangeableError(error as OrderNotChangeableProblem);
    return retryOrReject(response, error);
  });
}
