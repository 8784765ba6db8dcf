import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createOrdersClient } from "../src/client.js";
import { ClientReferenceReusedError, OrderRejectedError } from "../src/errors.js";
import { placeOrder } from "../src/placeOrder.js";
import { mintToken } from "./liveApi.js";
import { liveSuite } from "./liveSuite.js";
import { LossyProxy } from "./lossyProxy.js";
import { anOrder, countOrdersWithReference } from "./orders.js";

// Retries in these tests wait milliseconds, not seconds.
const quick = { baseDelayMs: 20, maxDelayMs: 200 };

describe("the TypeScript client against the live API", () => {
  const live = liveSuite();

  test("placeOrder places a new order once (201)", async () => {
    const order = anOrder();

    const placed = await placeOrder(live.client, order, quick);

    assert.equal(placed.placedByThisCall, true);
    assert.equal(placed.order.clientReference, order.clientReference);
    assert.equal(placed.order.total, 4498);
    assert.equal(placed.order.customer.phone, order.customer.phone);
    assert.equal(await countOrdersWithReference(live.client, order.clientReference), 1);
  });

  test("placing the same order again is success: 409 sameRequest true, the existing order read back", async () => {
    const order = anOrder();
    const first = await placeOrder(live.client, order, quick);

    const again = await placeOrder(live.client, order, quick);

    assert.equal(again.placedByThisCall, false);
    assert.deepEqual(again.order, first.order);
    assert.equal(await countOrdersWithReference(live.client, order.clientReference), 1);
  });

  test("a reference reused for a different cart raises ClientReferenceReusedError naming the order", async () => {
    const order = anOrder();
    const first = await placeOrder(live.client, order, quick);

    const reused = placeOrder(live.client, { ...order, lines: [{ sku: "SKU-9", quantity: 1, unitPrice: 100 }] }, quick);

    await assert.rejects(reused, (error: unknown) =>
      error instanceof ClientReferenceReusedError && error.problem.orderId === first.order.orderId && !error.problem.sameRequest);
  });

  test("lookup returns the order as placed, and 404 ORDER_NOT_FOUND for an unknown reference", async () => {
    const order = { ...anOrder(), shippingAddress: null };
    const placed = await placeOrder(live.client, order, quick);

    const found = await live.client.GET("/orders/{clientReference}", { params: { path: { clientReference: order.clientReference } } });
    const missing = await live.client.GET("/orders/{clientReference}", { params: { path: { clientReference: "no-such-order" } } });

    assert.deepEqual(found.data, placed.order);
    assert.equal(found.data?.shippingAddress, null);
    assert.equal(missing.response.status, 404);
    assert.equal(missing.error?.code, "ORDER_NOT_FOUND");
  });

  test("a request the server refuses is not retried: OrderRejectedError with VALIDATION_FAILED", async () => {
    const order = { ...anOrder(), customer: { email: "ada@example.com", name: "   " } };

    await assert.rejects(placeOrder(live.client, order, quick), (error: unknown) =>
      error instanceof OrderRejectedError && error.status === 400 && error.problem.code === "VALIDATION_FAILED");
    assert.equal(await countOrdersWithReference(live.client, order.clientReference), 0);
  });

  for (const mode of ["drop", "hold"] as const) {
    test(`a lost response (${mode === "drop" ? "connection cut" : "client timeout"} after the commit) ends with the one order`, async () => {
      // Given a proxy that loses the answer to the first POST after the server committed it
      const proxy = await LossyProxy.start(live.api.baseUrl, mode);
      try {
        const order = anOrder();

        // When the client retries with the same reference
        const placed = await placeOrder(createOrdersClient({ baseUrl: proxy.url, token: () => mintToken() }), order, { ...quick, timeoutMs: 1_000 });

        // Then the retry got 409 sameRequest: true, and there is exactly one order
        assert.equal(proxy.posts, 2);
        assert.equal(placed.placedByThisCall, false);
        assert.equal(placed.order.clientReference, order.clientReference);
        assert.equal(await countOrdersWithReference(live.client, order.clientReference), 1);
      } finally {
        await proxy.stop();
      }
    });
  }

  test("every request and answer above conformed to openapi.yaml (prism proxy --errors)", { skip: process.env.ORDERS_CONFORMANCE === "off" }, () => {
    assert.ok(live.api.checksConformance);
    assert.deepEqual(live.api.violations(), []);
  });
});
