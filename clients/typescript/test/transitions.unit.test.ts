import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cancelOrder } from "../src/cancelOrder.js";
import { changeOrder } from "../src/changeOrder.js";
import { createOrdersClient } from "../src/client.js";
import { OrderRejectedError, RetriesExhaustedError } from "../src/errors.js";
import { readOrderIfChanged } from "../src/readOrder.js";
import { anOrder } from "./orders.js";

// The transitions' retry policy without a server: a scripted fetch answers each attempt and records what was sent.
function scripted(...answers: (() => Response)[]) {
  const sent: { line: string; ifMatch: string | null; ifNoneMatch: string | null; contentType: string | null; body: string }[] = [];
  const client = createOrdersClient({
    baseUrl: "http://orders.test",
    fetch: async (request) => {
      sent.push({ line: `${request.method} ${new URL(request.url).pathname}`, ifMatch: request.headers.get("If-Match"),
        ifNoneMatch: request.headers.get("If-None-Match"),
        contentType: request.headers.get("Content-Type"), body: await request.text() });
      const answer = answers.shift();
      if (!answer) throw new Error("no more scripted answers");
      return answer();
    },
  });
  return { client, sent, options: { baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} } };
}

const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const notModified = (etag: string) => () => new Response(null, { status: 304, headers: { ETag: etag } });
const networkError = () => { throw new TypeError("fetch failed"); };
const problem = (status: number, code: string) => ({ type: "/problems/x", title: "t", status, detail: "d", code, traceId: "t" });
const reference = "ref-1";
const anOrderResponse = (version: number, extra: object = {}) =>
  ({ ...anOrder(reference), orderId: "019ab1c2-7d3e-7a10-8b5c-3e2f1a0b9c8d", lines: [], etag: `"019ab1c27d3e7a108b5c3e2f1a0b9c8d.${version}"`, ...extra });

describe("cancelOrder's and changeOrder's retries", () => {
  test("cancelOrder resends the same request on network errors and 5xx, and a 409 after a lost 200 is success", async () => {
    const cancelled = anOrderResponse(2, { status: "cancelled" });
    const { client, sent, options } = scripted(networkError, json(503, problem(503, "STORE_UNAVAILABLE")),
      json(409, { ...problem(409, "ORDER_ALREADY_CANCELLED"), sameRequest: true }), json(200, cancelled));

    const result = await cancelOrder(client, reference, { reason: "Too late", ifMatch: '"x.1"' }, options);

    assert.equal(result.cancelledByThisCall, false);
    assert.equal(result.order.status, "cancelled");
    assert.deepEqual(sent.map((request) => request.line), [...Array(3).fill(`POST /orders/${reference}/cancellation`), `GET /orders/${reference}`]);
    assert.ok(sent.slice(0, 3).every((request) => request.ifMatch === '"x.1"' && request.body === '{"reason":"Too late"}'));
  });

  test("changeOrder sends a merge patch with the same If-Match on every attempt; 412 alreadyApplied is success", async () => {
    const current = anOrderResponse(2);
    const { client, sent, options } = scripted(networkError,
      json(412, { ...problem(412, "PRECONDITION_FAILED"), etag: current.etag, order: current, alreadyApplied: true }));

    const result = await changeOrder(client, reference, { customer: { phone: null } }, '"x.1"', options);

    assert.deepEqual(result, { order: current, etag: current.etag, changedByThisCall: false });
    assert.ok(sent.every((request) => request.ifMatch === '"x.1"' && request.contentType === "application/merge-patch+json"));
    assert.deepEqual(sent.map((request) => request.body), ['{"customer":{"phone":null}}', '{"customer":{"phone":null}}']);
  });

  test("neither retries 400 or 428, and both give up after maxAttempts", async () => {
    const refused = scripted(json(428, problem(428, "PRECONDITION_REQUIRED")));
    await assert.rejects(changeOrder(refused.client, reference, {}, '"x.1"', refused.options),
      (error: unknown) => error instanceof OrderRejectedError && error.status === 428);
    assert.equal(refused.sent.length, 1);

    const down = scripted(networkError, networkError);
    await assert.rejects(cancelOrder(down.client, reference, {}, { ...down.options, maxAttempts: 2 }), RetriesExhaustedError);
    assert.equal(down.sent.length, 2);
  });

  test("readOrderIfChanged sends If-None-Match on every attempt: 304 is 'unchanged', 200 the changed order, 5xx retried", async () => {
    const changed = anOrderResponse(2, { status: "cancelled" });
    const { client, sent, options } = scripted(notModified('"x.1"'), networkError, json(503, problem(503, "STORE_UNAVAILABLE")), json(200, changed));

    const unchanged = await readOrderIfChanged(client, reference, '"x.1"', options);
    const next = await readOrderIfChanged(client, reference, '"x.1"', options);

    assert.deepEqual(unchanged, { changed: false, etag: '"x.1"' });
    assert.deepEqual(next, { changed: true, order: changed });
    assert.deepEqual(sent.map((request) => request.line), Array(4).fill(`GET /orders/${reference}`));
    assert.ok(sent.every((request) => request.ifNoneMatch === '"x.1"' && request.ifMatch === null));
  });

  test("readOrderIfChanged does not retry a 404", async () => {
    const { client, sent, options } = scripted(json(404, problem(404, "ORDER_NOT_FOUND")));

    await assert.rejects(readOrderIfChanged(client, reference, '"x.1"', options),
      (error: unknown) => error instanceof OrderRejectedError && error.status === 404);
    assert.equal(sent.length, 1);
  });
});
