export { cancelOrder } from "./cancelOrder.js";
export type { CancelledOrder, CancelRequest } from "./cancelOrder.js";
export { changeOrder } from "./changeOrder.js";
export type { ChangedOrder } from "./changeOrder.js";
export { createOrdersClient } from "./client.js";
export type {
  ApiProblem, CreateOrderRequest, DuplicateOrderProblem, FulfilOrderRequest, Order, OrderAlreadyCancelledProblem, OrderAlreadyFulfilledProblem,
  OrderChange, OrderNotChangeableProblem, OrdersClient, OrdersClientOptions, OrderRequestProblem, PreconditionFailedProblem, ValidationApiProblem,
} from "./client.js";
export {
  ClientReferenceReusedError, OrderCancelledError, OrderChangedElsewhereError, OrderNotCancellableError, OrderNotChangeableError, OrderRejectedError,
  RetriesExhaustedError,
} from "./errors.js";
export { fulfilOrder } from "./fulfilOrder.js";
export type { FulfilConditions, FulfilledOrder } from "./fulfilOrder.js";
export { newClientReference, placeOrder } from "./placeOrder.js";
export type { OrderToPlace, PlacedOrder } from "./placeOrder.js";
export { readOrder, readOrderIfChanged } from "./readOrder.js";
export type { OrderIfChanged } from "./readOrder.js";
export { defaultRetryPolicy } from "./retry.js";
export type { RetryOptions, RetryPolicy } from "./retry.js";
