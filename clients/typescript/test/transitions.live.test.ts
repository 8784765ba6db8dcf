import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cancelOrder } from "../src/cancelOrder.js";
import { changeOrder } from "../src/changeOrder.js";
import { createOrdersClient } from "../src/client.js";
import { OrderChangedElsewhereError, OrderNotChangeableError, OrderRejectedError } from "../src/errors.js";
import { placeOrder } from "../src/placeOrder.js";
import { readOrderIfChanged } from "../src/readOrder.js";
import { mintToken } from "./liveApi.js";
import { liveSuite } from "./liveSuite.js";
import { losingFirstAnswer } from "./losingFetch.js";
import { anOrder } from "./orders.js";

// Retries in these tests wait milliseconds, not seconds.
const quick = { baseDelayMs: 20, maxDelayMs: 200 };

/** The version an etag names ("<id>.<version>", quoted): what proves a transition happened once, not twice. */
const versionOf = (etag: string) => Number(/\.(\d+)"$/.exec(etag)?.[1]);

describe("cancelOrder and changeOrder against the live API", () => {
  const live = liveSuite();

  const placed = async () => (await placeOrder(live.client, anOrder(), quick)).order;

  test("cancelOrder cancels once (200); cancelling again is success, the cancelled order read back", async () => {
    const order = await placed();

    const first = await cancelOrder(live.client, order.clientReference, { reason: "Ordered the wrong size", ifMatch: order.etag }, quick);
    const again = await cancelOrder(live.client, order.clientReference, { reason: "Ordered the wrong size" }, quick);

    assert.equal(first.cancelledByThisCall, true);
    assert.equal(first.order.status, "cancelled");
    assert.equal(first.order.cancellationReason, "Ordered the wrong size");
    assert.equal(versionOf(first.order.etag), 2);
    assert.equal(again.cancelledByThisCall, false);
    assert.equal(again.sameRequest, true);
    assert.deepEqual(again.order, first.order);
  });

  test("a cancel whose 200 was lost is retried and ends cancelled, the version moved once", async () => {
    const order = await placed();
    const lossy = losingFirstAnswer("POST");
    const losing = createOrdersClient({ baseUrl: live.api.baseUrl, token: () => mintToken(), fetch: lossy.fetch });

    const cancelled = await cancelOrder(losing, order.clientReference, { ifMatch: order.etag }, quick);

    assert.deepEqual(lossy.seen, ["POST 200", "POST 409", "GET 200"]);
    assert.equal(cancelled.cancelledByThisCall, false);
    assert.equal(cancelled.order.status, "cancelled");
    assert.equal(versionOf(cancelled.order.etag), 2);
  });

  test("a cancel with a stale If-Match hands over the current order (412) and writes nothing", async () => {
    const order = await placed();
    const changed = await changeOrder(live.client, order.clientReference, { customer: { phone: "+49 30 7654321" } }, order.etag, quick);

    await assert.rejects(cancelOrder(live.client, order.clientReference, { ifMatch: order.etag }, quick), (error: unknown) =>
      error instanceof OrderChangedElsewhereError && error.etag === changed.etag && error.current.status === "placed");
  });

  test("changeOrder changes once (200) and hands back the new etag; the address merges member by member", async () => {
    const order = await placed();

    const changed = await changeOrder(live.client, order.clientReference,
      { shippingAddress: { city: "Potsdam", postalCode: "14467" }, customer: { phone: null } }, order.etag, quick);

    assert.equal(changed.changedByThisCall, true);
    assert.equal(changed.etag, changed.order.etag);
    assert.equal(versionOf(changed.etag), 2);
    assert.deepEqual(changed.order.shippingAddress, { ...order.shippingAddress, city: "Potsdam", postalCode: "14467" });
    assert.equal(changed.order.customer.phone, null);
  });

  test("a change whose 200 was lost is retried, gets 412 alreadyApplied, and is in exactly once", async () => {
    const order = await placed();
    const lossy = losingFirstAnswer("PATCH");
    const losing = createOrdersClient({ baseUrl: live.api.baseUrl, token: () => mintToken(), fetch: lossy.fetch });

    const changed = await changeOrder(losing, order.clientReference, { shippingAddress: { line1: "Am Neuen Markt 9" } }, order.etag, quick);

    assert.deepEqual(lossy.seen, ["PATCH 200", "PATCH 412"]);
    assert.equal(changed.changedByThisCall, false);
    assert.equal(changed.order.shippingAddress?.line1, "Am Neuen Markt 9");
    assert.equal(versionOf(changed.etag), 2);
    const stored = await live.client.GET("/orders/{clientReference}", { params: { path: { clientReference: order.clientReference } } });
    assert.equal(stored.data?.etag, changed.etag);
  });

  test("a change made from a version someone else changed since is OrderChangedElsewhereError with the current order", async () => {
    const order = await placed();
    const theirs = await changeOrder(live.client, order.clientReference, { shippingAddress: { city: "Hamburg", postalCode: "20095" } }, order.etag, quick);

    await assert.rejects(changeOrder(live.client, order.clientReference, { shippingAddress: { city: "Potsdam" } }, order.etag, quick),
      (error: unknown) => error instanceof OrderChangedElsewhereError && error.problem.alreadyApplied === false &&
        error.current.shippingAddress?.city === "Hamburg" && error.etag === theirs.etag);
  });

  test("a cancelled order cannot change: OrderNotChangeableError; an unknown one is OrderRejectedError 404", async () => {
    const order = await placed();
    const cancelled = await cancelOrder(live.client, order.clientReference, {}, quick);

    await assert.rejects(changeOrder(live.client, order.clientReference, { customer: { name: "Ada King" } }, cancelled.order.etag, quick),
      (error: unknown) => error instanceof OrderNotChangeableError && error.problem.orderStatus === "cancelled");
    await assert.rejects(changeOrder(live.client, "no-such-order", { customer: { name: "Ada King" } }, order.etag, quick),
      (error: unknown) => error instanceof OrderRejectedError && error.status === 404);
  });

  test("readOrderIfChanged: 304 while the order is as shown, the order with its new etag once it changed", async () => {
    const order = await placed();

    const unchanged = await readOrderIfChanged(live.client, order.clientReference, order.etag, quick);
    const changed = await changeOrder(live.client, order.clientReference, { customer: { name: "Ada King" } }, order.etag, quick);
    const polled = await readOrderIfChanged(live.client, order.clientReference, order.etag, quick);
    const current = await readOrderIfChanged(live.client, order.clientReference, changed.etag, quick);

    assert.deepEqual(unchanged, { changed: false, etag: order.etag });
    assert.deepEqual(polled, { changed: true, order: changed.order });
    assert.deepEqual(current, { changed: false, etag: changed.etag });
  });

  test("every request and answer above conformed to openapi.yaml (prism proxy --errors)", { skip: process.env.ORDERS_CONFORMANCE === "off" }, () => {
    assert.ok(live.api.checksConformance);
    assert.deepEqual(live.api.violations(), []);
  });
});
