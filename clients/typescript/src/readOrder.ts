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
