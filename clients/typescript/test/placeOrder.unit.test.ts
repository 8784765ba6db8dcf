import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createOrdersClient } from "../src/client.js";
import { OrderRejectedError, RetriesExhaustedError } from "../src/errors.js";
import { placeOrder } from "../src/placeOrder.js";
import { anOrder } from "./orders.js";

// The retry policy without a server: a scripted fetch answers each attempt, and waits are recorded, not slept.
function scripted(...answers: (() => Response)[]) {
  const calls: string[] = [];
  const waits: number[] = [];
  const client = createOrdersClient({
    baseUrl: "http://orders.test",
    fetch: async (request) => {
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      const answer = answers.shift();
      if (!answer) throw new Error("no more scripted answers");
      return answer();
    },
  });
  const options = { baseDelayMs: 100, maxDelayMs: 1_000, random: () => 1, sleep: async (ms: number) => void waits.push(ms) };
  return { client, calls, waits, options };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const networkError = () => { throw new TypeError("fetch failed"); };
const placed = (reference: string) => json(201, { ...anOrder(reference), orderId: "019ab1c2-7d3e-7a10-8b5c-3e2f1a0b9c8d", lines: [] });
const problem = (status: number, code: string) => ({ type: "/problems/x", title: "t", status, detail: "d", code, traceId: "t" });

describe("placeOrder's retry policy", () => {
  test("retries network errors, 429 and 5xx with doubling backoff, honouring Retry-After", async () => {
    const order = anOrder();
    const { client, calls, waits, options } = scripted(
      networkError, json(429, problem(429, "X")), json(500, problem(500, "INTERNAL_ERROR")),
      json(503, problem(503, "STORE_UNAVAILABLE"), { "Retry-After": "0.5" }), placed(order.clientReference));

    const result = await placeOrder(client, order, { ...options, random: () => 0 });

    assert.equal(result.placedByThisCall, true);
    assert.equal(calls.length, 5);
    assert.deepEqual(waits, [0, 0, 0, 500]);
  });

  test("waits are jittered below a ceiling that doubles and never exceeds maxDelayMs", async () => {
    const { client, waits, options } = scripted(...Array.from({ length: 6 }, () => networkError));

    await assert.rejects(placeOrder(client, anOrder(), { ...options, maxAttempts: 6 }), RetriesExhaustedError);

    assert.deepEqual(waits, [100, 200, 400, 800, 1_000]);
  });

  test("gives up after maxAttempts with RetriesExhaustedError carrying the last failure", async () => {
    const { client, calls, options } = scripted(...Array.from({ length: 3 }, () => json(503, problem(503, "STORE_UNAVAILABLE"))));

    await assert.rejects(placeOrder(client, anOrder(), { ...options, maxAttempts: 3 }),
      (error: unknown) => error instanceof RetriesExhaustedError && error.attempts === 3);
    assert.equal(calls.length, 3);
  });

  test("does not retry 400, 413 or 415: nothing was stored and the same request cannot succeed", async () => {
    for (const [status, code] of [[400, "MALFORMED_JSON"], [413, "PAYLOAD_TOO_LARGE"], [415, "UNSUPPORTED_MEDIA_TYPE"]] as const) {
      const { client, calls, options } = scripted(json(status, problem(status, code)));

      await assert.rejects(placeOrder(client, anOrder(), options),
        (error: unknown) => error instanceof OrderRejectedError && error.status === status && error.problem.code === code);
      assert.equal(calls.length, 1);
    }
  });

  test("a timed-out attempt is retried", async () => {
    const order = anOrder();
    const { client, calls, options } = scripted(
      () => { throw new DOMException("The operation timed out.", "TimeoutError"); }, placed(order.clientReference));

    assert.equal((await placeOrder(client, order, options)).placedByThisCall, true);
    assert.equal(calls.length, 2);
  });

  test("stops at once when the caller aborts", async () => {
    const { client, calls, options } = scripted(networkError, networkError);
    const leaving = new AbortController();
    leaving.abort(new Error("user left the page"));

    await assert.rejects(placeOrder(client, anOrder(), { ...options, signal: leaving.signal }), /user left the page/);
    assert.equal(calls.length, 0);
  });

  test("after 409 sameRequest: true it reads the order, retrying that read too", async () => {
    const order = anOrder();
    const duplicate = { ...problem(409, "DUPLICATE_IDEMPOTENCY_KEY"), clientReference: order.clientReference,
      orderId: "019ab1c2-7d3e-7a10-8b5c-3e2f1a0b9c8d", orderUrl: `/orders/${order.clientReference}`, createdAt: "2026-11-23T12:00:00Z", sameRequest: true };
    const { client, calls, options } = scripted(json(409, duplicate), networkError, placed(order.clientReference));

    const result = await placeOrder(client, order, options);

    assert.equal(result.placedByThisCall, false);
    assert.deepEqual(calls, ["POST /orders", `GET /orders/${order.clientReference}`, `GET /orders/${order.clientReference}`]);
  });
});

describe("createOrdersClient", () => {
  test("asks for the token before every request and sends it as a bearer token", async () => {
    const sent: (string | null)[] = [];
    let issued = 0;
    const client = createOrdersClient({
      baseUrl: "http://orders.test",
      token: () => `token-${++issued}`,
      fetch: async (request) => {
        sent.push(request.headers.get("Authorization"));
        return json(404, problem(404, "ORDER_NOT_FOUND"))();
      },
    });

    await client.GET("/orders/{clientReference}", { params: { path: { clientReference: "a" } } });
    await client.GET("/orders/{clientReference}", { params: { path: { clientReference: "b" } } });

    assert.deepEqual(sent, ["Bearer token-1", "Bearer token-2"]);
  });
});
