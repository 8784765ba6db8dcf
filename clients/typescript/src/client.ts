import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

/** The Orders API's types, generated from openapi.yaml. */
export type Order = components["schemas"]["OrderResponse"];
export type CreateOrderRequest = components["schemas"]["CreateOrderRequest"];
export type DuplicateOrderProblem = components["schemas"]["DuplicateOrderProblem"];
export type ApiProblem = components["schemas"]["ApiProblem"];
export type ValidationApiProblem = components["schemas"]["ValidationApiProblem"];

/** A typed client for every operation of the API (openapi-fetch: `client.POST("/orders", ...)`). */
export type OrdersClient = ReturnType<typeof createClient<paths>>;

export interface OrdersClientOptions {
  /** Where the API is, e.g. "https://shop.example.com/api" or "" for the page's own origin. */
  baseUrl: string;
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: (input: Request) => Promise<Response>;
}

export function createOrdersClient(options: OrdersClientOptions): OrdersClient {
  return createClient<paths>(options.fetch ? { baseUrl: options.baseUrl, fetch: options.fetch } : { baseUrl: options.baseUrl });
}
