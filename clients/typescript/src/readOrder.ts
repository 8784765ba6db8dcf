import type { Order, OrdersClient } from "./client.js";
import { done, type RetryOptions, retryOrReject, withRetries } from "./retry.js";

/**
 * GET /orders/{clientReference} under the same retry policy: how a helper whose answer was a 409
 * ("already done") learns the order as it stands, since a problem body is not the order.
 */
export function readOrder(client: OrdersClient, clientReference: string, options: RetryOptions): Promise<Order> {
  return withRetries<Order>(options, async (signal) => {
    const { data, error, response } = await client.GET("/orders/{clientReference}", { params: { path: { clientReference } }, signal });
    return data !== undefined ? done(data) : retryOrReject(response, error);
  });
}

/** What a conditional read found: the copy is current (304), or the order changed and here it is (200). */
export type OrderIfChanged = { changed: false; etag: string } | { changed: true; order: Order };

/**
 * The poll of an order page: GET /orders/{clientReference} with `If-None-Match: etag` (the tag of the
 * copy the caller shows), under the same retry policy. While the order is unchanged the API answers 304
 * without a body, the cheap answer ({ changed: false }); once it changed, the order with its new etag.
 */
export function readOrderIfChanged(client: OrdersClient, clientReference: string, etag: string, options: RetryOptions = {}): Promise<OrderIfChanged> {
  return withRetries<OrderIfChanged>(options, async (signal) => {
    const { data, error, response } = await client.GET("/orders/{clientReference}", {
      params: { path: { clientReference }, header: { "If-None-Match": etag } },
      signal,
    });
    if (data !== undefined) return done({ changed: true, order: data });
    if (response.status === 304) return done({ changed: false, etag: response.headers.get("ETag") ?? etag });
    return retryOrReject(response, error);
  });
}
