import { createOrdersClient, type Order } from "@orders/client";

/**
 * Every order the owner of `token` has, read through the API's listing page by page: what the tests
 * count, because the page's word for it is not proof.
 */
export async function storedOrders(apiUrl: string, token: string): Promise<Order[]> {
  const client = createOrdersClient({ baseUrl: apiUrl, token: () => token });
  const orders: Order[] = [];
  let after: string | undefined;
  for (let page = 0; page < 20; page++) {
    const { data, response } = await client.GET("/orders", {
      params: { query: after ? { limit: 100, after } : { limit: 100 } },
      signal: AbortSignal.timeout(10_000),
    });
    if (!data) throw new Error(`Listing the orders failed: HTTP ${response.status}.`);
    orders.push(...data.orders);
    if (data.next === null) return orders;
    after = data.next;
  }
  throw new Error("More than 20 pages of orders: a test placed far more than it should.");
}
