import type { OrdersClient } from "../src/client.js";
import { newClientReference, type OrderToPlace } from "../src/placeOrder.js";

/** A valid order to place; tests change one thing at a time. */
export function anOrder(clientReference = newClientReference()): OrderToPlace {
  return {
    clientReference,
    currency: "EUR",
    customer: { email: "ada@example.com", name: "Ada Lovelace", phone: "+49 30 1234567" },
    shippingAddress: { line1: "Unter den Linden 1", line2: null, city: "Berlin", postalCode: "10117", country: "DE" },
    lines: [{ sku: "SKU-1", quantity: 2, unitPrice: 1999 }, { sku: "SKU-2", quantity: 1, unitPrice: 500 }],
  };
}

/** How many stored orders carry this reference, read page by page through the listing. */
export async function countOrdersWithReference(client: OrdersClient, clientReference: string): Promise<number> {
  let count = 0;
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const { data } = await client.GET("/orders", { params: { query: after ? { limit: 100, after } : { limit: 100 } } });
    if (!data) throw new Error("listing failed");
    count += data.orders.filter((order) => order.clientReference === clientReference).length;
    if (data.next === null) return count;
    after = data.next;
  }
  throw new Error("more than 100 pages");
}
