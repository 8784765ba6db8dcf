import type { CreateOrderRequest, DuplicateOrderProblem, Order, OrdersClient } from "./client.js";
import { ClientReferenceReusedError } from "./errors.js";
import { readOrder } from "./readOrder.js";
import { done, type RetryOptions, retryOrReject, withRetries } from "./retry.js";

/** An order to place, with its reference: create it once per checkout attempt (newClientReference). */
export type OrderToPlace = CreateOrderRequest & { clientReference: string };

export interface PlacedOrder {
  order: Order;
  /** True when this call's request placed it (201); false when an earlier request had (409 sameRequest: true). */
  placedByThisCall: boolean;
}

/**
 * A new reference for a new checkout attempt. Call it when the attempt starts, keep the value (e.g. in
 * sessionStorage) and pass it to every placeOrder of that attempt, reloads and retries included.
 */
export function newClientReference(): string {
  return crypto.randomUUID();
}

/**
 * The client's half of the exactly-once contract. Sends the order and retries the same body on network
 * errors, timeouts, 429 and 5xx with bounded exponential backoff and jitter. 201 and 409 with
 * sameRequest: true both mean "placed": after a 409 it reads the order. Throws
 * ClientReferenceReusedError on 409 sameRequest: false, OrderRejectedError on 400/413/415, and
 * RetriesExhaustedError when no attempt got an answer (the order may or may not exist: call again
 * with the same reference later).
 */
export async function placeOrder(client: OrdersClient, order: OrderToPlace, options: RetryOptions = {}): Promise<PlacedOrder> {
  const created = await withRetries<Order | DuplicateOrderProblem>(options, async (signal) => {
    const { data, error, response } = await client.POST("/orders", { body: order, signal });
    if (data !== undefined) return done(data);
    if (response.status === 409) {
      const duplicate = error as DuplicateOrderProblem;
      if (!duplicate.sameRequest) throw new ClientReferenceReusedError(duplicate);
      return done(duplicate);
    }
    return retryOrReject(response, error);
  });
  if ("lines" in created) return { order: created, placedByThisCall: true };

  return { order: await readOrder(client, created.clientReference, options), placedByThisCall: false };
}
