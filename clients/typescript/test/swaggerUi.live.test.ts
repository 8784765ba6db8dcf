import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { LiveApi, mintToken } from "./liveApi.js";

interface SwaggerRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Swagger UI's "Try it out" on POST /orders, as the page does it: the documented example body and
 * Idempotency-Key header, passed through the request interceptor the API serves, then sent. Each try
 * must be a new checkout attempt (its own reference), never a reuse of the example's.
 */
describe("Swagger UI's Try it out", () => {
  let api: LiveApi;
  let intercept: (request: SwaggerRequest) => SwaggerRequest;
  let example: { body: Record<string, unknown>; reference: string };

  before(async () => {
    api = await LiveApi.start();
    const script = await (await fetch(`${api.apiUrl}/swagger/index.js`)).text();
    const interceptors = JSON.parse(/var interceptors = (\{.*\});/.exec(script)?.[1] ?? "{}") as { RequestInterceptorFunction?: string };
    assert.ok(interceptors.RequestInterceptorFunction, "Swagger UI is served without a request interceptor");
    intercept = new Function(`return (${interceptors.RequestInterceptorFunction});`)() as typeof intercept;
    const document = await (await fetch(`${api.apiUrl}/swagger/v1/swagger.json`)).json() as {
      paths: { "/orders": { post: { requestBody: { content: { "application/json": { example: Record<string, unknown> } } } } } };
    };
    const body = document.paths["/orders"].post.requestBody.content["application/json"].example;
    example = { body, reference: String(body.clientReference) };
  });
  after(() => api?.stop());

  const tryItOut = (body: Record<string, unknown>, idempotencyKey: string) => intercept({
    method: "POST",
    url: `${api.baseUrl}/orders`,
    headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey, Authorization: `Bearer ${mintToken("swagger-ui-user")}` },
    body: JSON.stringify(body, null, 2),
  });

  const send = (request: SwaggerRequest) => fetch(request.url, { method: request.method, headers: request.headers, body: request.body });

  test("every try of the example places its own order (201), under a fresh reference in body and header alike", async () => {
    const first = tryItOut(example.body, example.reference);
    const second = tryItOut({ ...example.body, currency: "USD" }, example.reference);

    const answers = [await send(first), await send(second)];

    assert.deepEqual(answers.map((answer) => answer.status), [201, 201]);
    const references = await Promise.all(answers.map(async (answer) => (await answer.json() as { clientReference: string }).clientReference));
    assert.notEqual(references[0], references[1]);
    assert.ok(!references.includes(example.reference), "a try reused the example's reference");
    assert.equal(first.headers["Idempotency-Key"], references[0]);
    assert.deepEqual(api.violations(), []);
  });

  test("a reference the user typed is sent as typed, so a retry can be tried too", async () => {
    const typed = `typed-by-hand-${Date.now()}`;
    const request = tryItOut({ ...example.body, clientReference: typed }, typed);

    const [first, retry] = [await send(request), await send(request)];

    assert.equal(JSON.parse(request.body).clientReference, typed);
    assert.deepEqual([first.status, retry.status], [201, 409]);
  });
});
