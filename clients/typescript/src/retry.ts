import { OrderRejectedError, RetriesExhaustedError } from "./errors.js";

/** How hard placeOrder, cancelOrder and changeOrder try. Every wait and every attempt is bounded, so a call always ends. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first backoff ceiling; it doubles per attempt (exponential backoff). */
  baseDelayMs: number;
  /** No wait is longer than this, not even one a Retry-After header asks for. */
  maxDelayMs: number;
  /** An attempt with no answer by then is aborted and counts as a failure worth retrying. */
  timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 8_000, timeoutMs: 10_000 };

export interface RetryOptions extends Partial<RetryPolicy> {
  /** Gives up (with this signal's reason) as soon as it aborts: the user left the page, say. */
  signal?: AbortSignal;
  /** Replaceable in tests; by default a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Replaceable in tests; by default Math.random. */
  random?: () => number;
}

/** What one attempt came to: a result, or a failure worth another attempt. */
export type Attempt<T> = { kind: "done"; value: T } | { kind: "retry"; reason: unknown; retryAfterMs?: number | undefined };

export const done = <T>(value: T): Attempt<T> => ({ kind: "done", value });

/** An answer worth retrying: 429 and every 5xx (503 comes with Retry-After). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** An answer that is no result: retry it if it may pass next time (429, 5xx), else it is final (OrderRejectedError). */
export function retryOrReject<T>(response: Response, error: unknown): Attempt<T> {
  if (isRetryableStatus(response.status)) {
    return { kind: "retry", reason: new Error(`HTTP ${response.status}`), retryAfterMs: retryAfterMs(response) };
  }
  throw new OrderRejectedError(response.status, error as ConstructorParameters<typeof OrderRejectedError>[1]);
}

export function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get("Retry-After");
  if (header === null) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/**
 * Runs attempts until one is done, one throws (a definite answer such as 409 sameRequest: false), or
 * maxAttempts is reached. Waits between attempts with exponential backoff and full jitter, so that
 * many clients cut off together do not come back together; never less than a Retry-After asked for.
 */
export async function withRetries<T>(options: RetryOptions, attempt: (signal: AbortSignal) => Promise<Attempt<T>>): Promise<T> {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...definedOnly(options) };
  const sleep = options.sleep ?? abortableDelay;
  const random = options.random ?? Math.random;
  let lastReason: unknown;
  for (let n = 1; n <= policy.maxAttempts; n++) {
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let outcome: Attempt<T>;
    try {
      outcome = await attempt(signal);
    } catch (error) {
      // The caller gave up: that is an answer, not a failure to retry.
      if (options.signal?.aborted) throw options.signal.reason;
      if (!isTransportFailure(error)) throw error;
      outcome = { kind: "retry", reason: error };
    }
    if (outcome.kind === "done") return outcome.value;
    lastReason = outcome.reason;
    if (n < policy.maxAttempts) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      await sleep(Math.min(policy.maxDelayMs, Math.max(outcome.retryAfterMs ?? 0, random() * ceiling)), options.signal);
    }
  }
  throw new RetriesExhaustedError(policy.maxAttempts, lastReason);
}

/** fetch rejects with a TypeError when the network fails and with an AbortError/TimeoutError when aborted. */
function isTransportFailure(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof DOMException && (error.name === "AbortError" || error.name === "TimeoutError"));
}

function definedOnly(options: RetryOptions): Partial<RetryPolicy> {
  const { maxAttempts, baseDelayMs, maxDelayMs, timeoutMs } = options;
  return Object.fromEntries(Object.entries({ maxAttempts, baseDelayMs, maxDelayMs, timeoutMs }).filter(([, value]) => value !== undefined));
}

function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
}
