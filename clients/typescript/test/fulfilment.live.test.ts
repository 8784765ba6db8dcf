import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cancelOrder } from "../src/cancelOrder.js";
import { changeOrder } from "../src/changeOrder.js";
import { createOrdersClient } from "../src/client.js";
import { OrderCancelledError, OrderNotCancellableError, OrderNotChangeableError, OrderRejectedError } from "../src/errors.js";
import { fulfilOrder } from "../src/fulfilOrder.js";
import { placeOrder } from "../src/placeOrder.js";
import { readOrder, readOrderIfChanged } from "../src/readOrder.js";
import { mintServiceToken } from "./liveApi.js";
import { liveSuite } from "./liveSuite.js";
import { losingFirstAnswer } from "./losingFetch.js";
import { anOrder } from "./orders.js";

// Retries in these tests wait milliseconds, not seconds.
const quick = { baseDelayMs: 20, maxDelayMs: 200 };

/** The version an etag names ("<id>.<version>", quoted): what proves a transition happened once, not twice. */
const versionOf = (etag: string) => Number(/\.(\d+)"$/.exec(etag)?.[1]);

/** The owner of liveSuite's client (mintToken's default sub). */
const owner = "owner-ada";
const shipment = { carrier: "DHL", trackingNumber: "JD014600006281" };

describe("fulfilOrder (a service's token) and the customer's view of a fulfilled order, against the live API", () => {
  const live = liveSuite();
  const service = () => createOrdersClient({ baseUrl: live.api.baseUrl, token: () => mintServiceToken() });

  const placed = async () => (await placeOrder(live.client, anOrder(), quick)).order;

  test("fulfilOrder fulfils once (200); again is success with sameRequest; the owner reads it fulfilled, and a poll sees it", async () => {
    const order = await placed();

    const first = await fulfilOrder(service(), owner, order.clientReference, shipment, { ifMatch: order.etag }, quick);
    const again = await fulfilOrder(service(), owner, order.clientReference, shipment, {}, quick);
    const polled = await readOrderIfChanged(live.client, order.clientReference, order.etag, quick);

    assert.equal(first.fulfilledByThisCall, true);
    assert.equal(first.order?.status, "fulfilled");
    assert.deepEqual([first.carrier, first.trackingNumber], [shipment.carrier, shipment.trackingNumber]);
    assert.equal(versionOf(first.etag), 2);
    assert.equal(again.fulfilledByThisCall, false);
    assert.equal(again.sameRequest, true);
    assert.deepEqual([again.fulfilledAt, again.etag, again.trackingNumber], [first.fulfilledAt, first.etag, first.trackingNumber]);
    assert.ok(polled.changed);
    assert.deepEqual(polled.order, first.order);
  });

  test("a fulfilment whose 200 was lost is retried and ends fulfilled, the version moved once", async () => {
    const order = await placed();
    const lossy = losingFirstAnswer("POST");
    const losing = createOrdersClient({ baseUrl: live.api.baseUrl, token: () => mintServiceToken(), fetch: lossy.fetch });

    const fulfilled = await fulfilOrder(losing, owner, order.clientReference, shipment, { ifMatch: order.etag }, quick);

    assert.deepEqual(lossy.seen, ["POST 200", "POST 409"]);
    assert.equal(fulfilled.fulfilledByThisCall, false);
    assert.equal(fulfilled.sameRequest, true);
    const stored = await readOrder(live.client, order.clientReference, quick);
    assert.equal(stored.status, "fulfilled");
    assert.equal(stored.trackingNumber, shipment.trackingNumber);
    assert.equal(versionOf(stored.etag), 2);
  });

  test("a shipped order: the customer's cancel is OrderNotCancellableError and a change OrderNotChangeableError, nothing written", async () => {
    const order = await placed();
    const fulfilled = await fulfilOrder(service(), owner, order.clientReference, {}, {}, quick);

    await assert.rejects(cancelOrder(live.client, order.clientReference, { ifMatch: fulfilled.etag }, quick),
      (error: unknown) => error instanceof OrderNotCancellableError && error.problem.orderStatus === "fulfilled");
    await assert.rejects(changeOrder(live.client, order.clientReference, { customer: { name: "Ada King" } }, fulfilled.etag, quick),
      (error: unknown) => error instanceof OrderNotChangeableError && error.problem.orderStatus === "fulfilled");
    const stored = await readOrder(live.client, order.clientReference, quick);
    assert.equal(stored.etag, fulfilled.etag);
    assert.deepEqual([stored.carrier, stored.trackingNumber], [null, null]);
  });

  test("a cancelled order is OrderCancelledError (do not ship); a customer's token on the fulfilment route is 403", async () => {
    const order = await placed();
    await cancelOrder(live.client, order.clientReference, {}, quick);

    await assert.rejects(fulfilOrder(service(), owner, order.clientReference, shipment, {}, quick),
      (error: unknown) => error instanceof OrderCancelledError && error.problem.orderStatus === "cancelled");
    const other = await placed();
    await assert.rejects(fulfilOrder(live.client, owner, other.clientReference, shipment, {}, quick),
      (error: unknown) => error instanceof OrderRejectedError && error.status === 403);
    assert.equal((await readOrder(live.client, other.clientReference, quick)).status, "placed");
  });

  test("every request and answer above conformed to openapi.yaml (prism proxy --errors)", { skip: process.env.ORDERS_CONFORMANCE === "off" }, () => {
    assert.ok(live.api.checksConformance);
    assert.deepEqual(live.api.violations(), []);
  });
});
