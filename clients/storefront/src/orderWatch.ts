import { type Order, type OrdersClient, OrderRejectedError, readOrderIfChanged } from "@orders/client";

/** How the order page polls. Every number is a bound: the gaps, and how many polls one page makes. */
export interface WatchPolicy {
  /** The first gap, and the gap again after every change the poll saw. */
  firstDelayMs: number;
  /** Each unchanged answer (304) or failed poll stretches the gap by this much (backoff)... */
  backoff: number;
  /** ...up to this. */
  maxDelayMs: number;
  /** After this many polls the page stops asking and says so (about 27 minutes with the defaults). */
  maxPolls: number;
  /** One poll with no answer by then counts as failed (no retry within a poll: the next poll is the retry). */
  timeoutMs: number;
}

export const defaultWatchPolicy: WatchPolicy = { firstDelayMs: 1_000, backoff: 1.5, maxDelayMs: 30_000, maxPolls: 60, timeoutMs: 10_000 };

/** What the watch is doing; also what tests wait for (data-state of #order-watch). */
export type WatchState = "watching" | "paused" | "final" | "stopped";

/** Statuses after which an order never changes again: nothing left to poll for. */
export const isFinal = (order: Order): boolean => order.status !== "placed";

export interface WatchCallbacks {
  /** The order the page shows now: the poll sends its etag in If-None-Match. */
  shown(): Order | undefined;
  /** The order changed: show it. */
  changed(order: Order): void;
  /** The watch's state, in a sentence for the shopper. */
  state(state: WatchState, detail: string): void;
  /** The next poll is planned: after `polls` polls so far, in `gapMs`. */
  scheduled(polls: number, gapMs: number): void;
}

/**
 * Keeps the shown order current without a reload: GET with `If-None-Match: <the shown etag>`, which the
 * API answers 304 (no body, one small read) while nothing changed. Bounded and polite: one poll at a
 * time, a gap that grows while nothing changes (reset when something does), nothing while the tab is
 * hidden (and a poll at once when it is shown again), a fixed number of polls, and none at all once the
 * order is cancelled or shipped.
 */
export class OrderWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delayMs: number;
  private polls = 0;
  private polling = false;
  private current: WatchState = "stopped";

  constructor(private readonly client: OrdersClient, private readonly callbacks: WatchCallbacks, private readonly policy = defaultWatchPolicy) {
    this.delayMs = policy.firstDelayMs;
    document.addEventListener("visibilitychange", () => this.visibilityChanged());
  }

  /** Follows the shown order from now on (a new order, or one a transition just moved): a fresh budget of polls. */
  follow(order: Order): void {
    this.clear();
    this.polls = 0;
    this.delayMs = this.policy.firstDelayMs;
    if (isFinal(order)) return this.enter("final", finalText(order));
    if (document.hidden) return this.enter("paused", pausedText);
    this.enter("watching", watchingText);
    this.schedule();
  }

  private visibilityChanged(): void {
    if (document.hidden && this.current === "watching") {
      this.clear();
      this.enter("paused", pausedText);
    } else if (!document.hidden && this.current === "paused") {
      // Back in view: the shopper looks now, so ask now, and start the gaps over.
      this.delayMs = this.policy.firstDelayMs;
      this.enter("watching", watchingText);
      void this.poll();
    }
  }

  private schedule(): void {
    this.clear();
    this.timer = setTimeout(() => void this.poll(), this.delayMs);
    this.callbacks.scheduled(this.polls, this.delayMs);
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    const order = this.callbacks.shown();
    if (this.polling || this.current !== "watching" || order === undefined) return;
    if (this.polls >= this.policy.maxPolls) return this.enter("stopped", "Stopped checking for updates. Reload the page to see the latest.");
    this.polls++;
    this.polling = true;
    let changed = false;
    try {
      const answer = await readOrderIfChanged(this.client, order.clientReference, order.etag,
        { maxAttempts: 1, timeoutMs: this.policy.timeoutMs });
      // Shown meanwhile by a cancel or change of this page: that answer is newer than this poll's.
      if (answer.changed && this.callbacks.shown()?.etag === order.etag) {
        changed = true;
        this.callbacks.changed(answer.order);
      }
    } catch (error) {
      // 401, 403, 404: asking again cannot help. Anything else (no answer, 5xx, 429): the next poll is the retry.
      if (error instanceof OrderRejectedError) return this.enter("stopped", `Stopped checking for updates (${error.status}). Reload the page to try again.`);
    } finally {
      this.polling = false;
    }
    const now = this.callbacks.shown();
    if (now !== undefined && isFinal(now)) return this.enter("final", finalText(now));
    if (this.current !== "watching") return;
    this.delayMs = changed ? this.policy.firstDelayMs : Math.min(this.policy.maxDelayMs, this.delayMs * this.policy.backoff);
    this.schedule();
  }

  private enter(state: WatchState, detail: string): void {
    if (state !== "watching") this.clear();
    this.current = state;
    this.callbacks.state(state, detail);
  }

  private clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

const watchingText = "This page checks for updates (shipping, a cancel elsewhere) while it is open.";
const pausedText = "Checking for updates is paused while this tab is hidden.";
const finalText = (order: Order): string => order.status === "cancelled"
  ? "This order is cancelled: nothing more can change, so this page stopped checking for updates."
  : "This order has shipped: it can no longer be cancelled or changed, and this page stopped checking for updates.";
