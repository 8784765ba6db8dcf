export { createOrdersClient } from "./client.js";
export type { ApiProblem, CreateOrderRequest, DuplicateOrderProblem, Order, OrdersClient, OrdersClientOptions, OrderRequestProblem, ValidationApiProblem } from "./client.js";
export { ClientReferenceReusedError, OrderRejectedError, RetriesExhaustedError } from "./errors.js";
export { newClientReference, placeOrder } from "./placeOrder.js";
export type { OrderToPlace, PlacedOrder } from "./placeOrder.js";
export { defaultRetryPolicy } from "./retry.js";
export type { RetryOptions, RetryPolicy } from "./retry.js";
