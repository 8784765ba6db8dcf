import type {
  ApiProblem, DuplicateOrderProblem, Order, OrderAlreadyCancelledProblem, OrderAlreadyFulfilledProblem, OrderNotChangeableProblem, OrderRequestProblem,
  PreconditionFailedProblem, ValidationApiProblem,
} from "./client.js";

/**
 * 409 with sameRequest: false. The reference already belongs to a different order, which is
 * unchanged; nothing was placed. A bug in the caller: never retry it. Start a new checkout attempt
 * (a new reference) if a second order is really wanted.
 */
export class ClientReferenceReusedError extends Error {
  override readonly name = "ClientReferenceReusedError";

  constructor(readonly problem: DuplicateOrderProblem) {
    super(`clientReference ${problem.clientReference} already belongs to a different order (${problem.orderId}).`);
  }
}

/** 400, 403, 404, 413, 415 or 428: the API refused the request and stored nothing. Fix it; retrying as is cannot help. */
export class OrderRejectedError extends Error {
  override readonly name = "OrderRejectedError";

  constructor(
    readonly status: number,
    readonly problem: ApiProblem | OrderRequestProblem | ValidationApiProblem,
  ) {
    super(`The Orders API refused the request (${status} ${problem.code}): ${problem.detail}`);
  }
}

/**
 * Every attempt failed with something worth retrying (network, timeout, 429, 5xx). Whether the order
 * was placed is unknown: keep the reference and call placeOrder again later; it cannot place a second order.
 */
export class RetriesExhaustedError extends Error {
  override readonly name = "RetriesExhaustedError";

  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`No answer from the Orders API after ${attempts} attempts; the order may or may not be placed.`, { cause });
  }
}

/**
 * 412 PRECONDITION_FAILED that is not "already applied": the order is at another version than the
 * If-Match named (someone else cancelled or changed it) and nothing was written. `current` is the order
 * as it stands and `etag` its tag: show it, decide, and send again with that etag if it still applies.
 */
export class OrderChangedElsewhereError extends Error {
  override readonly name = "OrderChangedElsewhereError";

  constructor(readonly problem: PreconditionFailedProblem) {
    super(`Order ${problem.order.clientReference} is at another version (${problem.etag}) than the one this request was made from; nothing was written.`);
  }

  get current(): Order {
    return this.problem.order;
  }

  get etag(): string {
    return this.problem.etag;
  }
}

/** 409 ORDER_NOT_CHANGEABLE: the order is cancelled or fulfilled (shipped), so it can no longer change. Final: never retry it. */
export class OrderNotChangeableError extends Error {
  override readonly name = "OrderNotChangeableError";

  constructor(readonly problem: OrderNotChangeableProblem) {
    super(`Order ${problem.clientReference} is ${problem.orderStatus} and can no longer change.`);
  }
}

/**
 * 409 ORDER_NOT_CANCELLABLE: the order was fulfilled (shipped), so the customer can no longer cancel it.
 * Nothing was written. Final: never retry it; read the order to show it as shipped.
 */
export class OrderNotCancellableError extends Error {
  override readonly name = "OrderNotCancellableError";

  constructor(readonly problem: OrderAlreadyCancelledProblem) {
    super(`Order ${problem.clientReference} is ${problem.orderStatus} (shipped) and can no longer be cancelled.`);
  }
}

/**
 * 409 ORDER_CANCELLED, to a fulfilment: the customer cancelled the order, so it must not be shipped.
 * Nothing was written. Final: never retry it.
 */
export class OrderCancelledError extends Error {
  override readonly name = "OrderCancelledError";

  constructor(readonly problem: OrderAlreadyFulfilledProblem) {
    super(`Order ${problem.clientReference} is cancelled: do not ship it.`);
  }
}
