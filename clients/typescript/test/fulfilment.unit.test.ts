import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cancelOrder } from "../src/cancelOrder.js";
import { createOrdersClient } from "../src/client.js";
import { OrderCancelledError, OrderNotCancellableError, RetriesExhaustedError } from "../src/errors.js";
import { fulfilOrder } from "../src/fulfilOrder.js";
import { anOrder } from "./orders.js";

// fulfilOrder's retry policy, and the cancel of a shipped order, without a server: a scripted fetch answers each attempt.
function scripted(...answers: (() => Response)[]) {
  const sent: { line: string; ifMatch: string | null; body: string }[] = [];
  const client = createOrdersClient({
    baseUrl: "http://orders.test",
    fetch: async (request) => {
      sent.push({ line: `${request.method} ${new URL(request.url).pathname}`, ifMatch: request.headers.get("If-Match"), body: await request.text() });
      const answer = answers.shift();
      if (!answer) throw new Error("no more scripted answers");
      return answer();
    },
  });
  return { client, sent, options: { baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} } };
}

const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const networkError = () => { throw new TypeError("fetch failed"); };
const problem = (status: number, code: string) => ({ type: "/problems/x", title: "t", status, detail: "d", code, traceId: "t" });
const reference = "ref-1";
const orderId = "019ab1c2-7d3e-7a10-8b5c-3e2f1a0b9c8d";
const etag = (version: number) => `"019ab1c27d3e7a108b5c3e2f1a0b9c8d.${version}"`;
const shipment = { carrier: "DHL", trackingNumber: "JD014600006281" };

describe("fulfilOrder's retries, and a cancel of a fulfilled order", () => {
  test("fulfilOrder resends the same body and If-Match on network errors and 5xx; a 409 ALREADY_FULFILLED after a lost 200 is success", async () => {
    const { client, sent, options } = scripted(networkError, json(503, problem(503, "STORE_UNAVAILABLE")),
      json(409, { ...problem(409, "ORDER_ALREADY_FULFILLED"), clientReference: reference, orderId, orderStatus: "fulfilled",
        fulfilledAt: "2026-12-07T14:00:00.123456Z", ...shipment, etag: etag(2), sameRequest: true }));

    const result = await fulfilOrder(client, "auth0|ada@example.com", reference, shipment, { ifMatch: etag(1) }, options);

    assert.deepEqual(result, { fulfilledByThisCall: false, clientReference: reference, orderId, fulfilledAt: "2026-12-07T14:00:00.123456Z",
      ...shipment, etag: etag(2), sameRequest: true });
    // The owner is one path segment, encoded.
    assert.deepEqual(sent.map((request) => request.line), Array(3).fill(`/owners/auth0%7Cada%40example.com/orders/${reference}/fulfilment`).map((path) => `POST ${path}`));
    assert.ok(sent.every((request) => request.ifMatch === etag(1) && request.body === JSON.stringify(shipment)));
  });

  test("fulfilOrder's 200 is the fulfilled order", async () => {
    const fulfilled = { ...anOrder(reference), orderId, lines: [], status: "fulfilled", fulfilledAt: "2026-12-07T14:00:00.123456Z", ...shipment, etag: etag(2) };
    const { client, options } = scripted(json(200, fulfilled));

    const result = await fulfilOrder(client, "owner-ada", reference, {}, {}, options);

    assert.equal(result.fulfilledByThisCall, true);
    assert.equal(result.trackingNumber, "JD014600006281");
    assert.deepEqual(result.order, fulfilled);
  });

  test("a cancelled order is OrderCancelledError (do not ship), not retried", async () => {
    const { client, sent, options } = scripted(json(409, { ...problem(409, "ORDER_CANCELLED"), clientReference: reference, orderId,
      orderStatus: "cancelled", etag: etag(2) }));

    await assert.rejects(fulfilOrder(client, "owner-ada", reference, shipment, {}, options),
      (error: unknown) => error instanceof OrderCancelledError && error.problem.orderStatus === "cancelled");
    assert.equal(sent.length, 1);
  });

  test("cancelOrder of a fulfilled order is OrderNotCancellableError: not retried, not read as 'already cancelled'", async () => {
    const { client, sent, options } = scripted(json(409, { ...problem(409, "ORDER_NOT_CANCELLABLE"), clientReference: reference, orderId,
      orderUrl: `/orders/${reference}`, orderStatus: "fulfilled", etag: etag(2) }));

    await assert.rejects(cancelOrder(client, reference, {}, options),
      (error: unknown) => error instanceof OrderNotCancellableError && error.problem.orderStatus === "fulfilled");
    assert.deepEqual(sent.map((request) => request.line), [`POST /orders/${reference}/cancellation`]);
  });

  test("fulfilOrder gives up after maxAttempts", async () => {
    const { client, sent, options } = scripted(networkError, networkError);

    await assert.rejects(fulfilOrder(client, "owner-ada", reference, {}, {}, { ...options, maxAttempts: 2 }), RetriesExhaustedError);
    assert.equal(sent.length, 2);
  });
});
