import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

/** The Orders API's types, generated from openapi.yaml. */
export type Order = components["schemas"]["OrderResponse"];
export type CreateOrderRequest = components["schemas"]["CreateOrderRequest"];
export type DuplicateOrderProblem = components["schemas"]["DuplicateOrderProblem"];
export type ApiProblem = components["schemas"]["ApiProblem"];
export type ValidationApiProblem = components["schemas"]["ValidationApiProblem"];
export type OrderRequestProblem = components["schemas"]["OrderRequestProblem"];
export type OrderChange = components["schemas"]["ChangeOrderRequest"];
export type OrderAlreadyCancelledProblem = components["schemas"]["OrderAlreadyCancelledProblem"];
export type OrderNotChangeableProblem = components["schemas"]["OrderNotChangeableProblem"];
export type PreconditionFailedProblem = components["schemas"]["PreconditionFailedProblem"];
export type FulfilOrderRequest = components["schemas"]["FulfilOrderRequest"];
export type OrderAlreadyFulfilledProblem = components["schemas"]["OrderAlreadyFulfilledProblem"];

/** A typed client for every operation of the API (openapi-fetch: `client.POST("/orders", ...)`). */
export type OrdersClient = ReturnType<typeof createClient<paths>>;

export interface OrdersClientOptions {
  /** Where the API is, e.g. "https://shop.example.com/api" or "" for the page's own origin. */
  baseUrl: string;
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: (input: Request) => Promise<Response>;
  /**
   * The caller's bearer token (a JWT whose `sub` is the owner of the orders; for fulfilOrder, a
   * service's token with the fulfilment scope), asked for before every request so a refreshed token is
   * used as soon as the app has it. Every order call needs one.
   */
  token?: () => string | Promise<string>;
}

export function createOrdersClient(options: OrdersClientOptions): OrdersClient {
  const client = createClient<paths>(options.fetch ? { baseUrl: options.baseUrl, fetch: options.fetch } : { baseUrl: options.baseUrl });
  const token = options.token;
  if (token) {
    client.use({
      async onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${await token()}`);
        return request;
      },
    });
  }
  return client;
}
