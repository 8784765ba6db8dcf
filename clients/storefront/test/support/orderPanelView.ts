import type { Locator, Page, Request } from "playwright-core";

export type OrderPanelState = "shown" | "cancelled" | "changed" | "stale" | "failed";
export type WatchState = "watching" | "paused" | "final" | "stopped";

/** One poll of the order (GET /orders/{clientReference}): the tag it sent and the answer it got (null: none yet, or none at all). */
export interface Poll {
  ifNoneMatch: string | undefined;
  status: number | null;
}

/** The order panel under the checkout: what a shopper sees of the placed order and does with it. */
export class OrderPanelView {
  /** Every cancel (POST …/cancellation) and change (PATCH) the browser sent. */
  readonly transitions: Request[] = [];
  /** Every read of one order (GET /orders/{clientReference}) the browser sent: the page's polls, from the network log. */
  readonly reads: Request[] = [];

  constructor(readonly page: Page) {
    page.on("request", (request) => {
      if (request.method() === "PATCH" || (request.method() === "POST" && request.url().endsWith("/cancellation"))) this.transitions.push(request);
      if (request.method() === "GET" && /^\/orders\/[^/]+$/.test(new URL(request.url()).pathname)) this.reads.push(request);
    });
  }

  /**
   * From now on every poll (a read with If-None-Match) gets no answer, as on a flaky network: the page
   * keeps showing what it had. Reads without the header (the panel's read after a 409) pass.
   */
  async losePolls(clientReference: string, apiUrl: string): Promise<void> {
    await this.page.route(`${apiUrl}/orders/${clientReference}`, async (route) => {
      const headers = await route.request().allHeaders();
      if (route.request().method() === "GET" && headers["if-none-match"] !== undefined) return route.abort("connectionreset");
      return route.continue();
    });
  }

  /** The reads so far, each with the If-None-Match it carried and its answer's status. */
  polls(): Promise<Poll[]> {
    return Promise.all(this.reads.map(async (request) => ({
      ifNoneMatch: (await request.allHeaders())["if-none-match"],
      status: (await request.response())?.status() ?? null,
    })));
  }

  /** Waits (bounded by the page's timeout) until at least `count` reads got `status`. */
  async answeredPolls(count: number, status: number): Promise<Poll[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const polls = await this.polls();
      if (polls.filter((poll) => poll.status === status).length >= count) return polls;
      if (Date.now() > deadline) throw new Error(`Not ${count} polls answered ${status} within 15 s: ${JSON.stringify(polls)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits until the watch line says `state`, and reads what the panel shows. */
  async watch(state: WatchState) {
    await this.page.locator(`#order-watch[data-state="${state}"]`).waitFor({ state: "attached" });
    const text = (id: string) => this.page.locator(`#${id}`).innerText();
    return { line: await text("order-watch"), status: await text("order-state"), shipment: await text("order-shipment"), tracking: await text("order-tracking") };
  }

  get cancelButton(): Locator {
    return this.page.getByRole("button", { name: "Cancel order" });
  }

  get changeAddressButton(): Locator {
    return this.page.getByRole("button", { name: "Change address" });
  }

  async fillAddress(address: { line1?: string; postalCode?: string; city?: string }): Promise<void> {
    const labels = { line1: "Street", postalCode: "Postal code", city: "City" } as const;
    for (const [field, value] of Object.entries(address) as [keyof typeof labels, string][]) {
      await this.page.getByLabel(labels[field], { exact: true }).fill(value);
    }
  }

  /** Waits until the panel says `state` with nothing in flight, and reads what it shows. */
  async settled(state: OrderPanelState) {
    await this.page.locator(`#order-status[data-state="${state}"][data-in-flight="0"]`).waitFor({ state: "attached" });
    const text = (id: string) => this.page.locator(`#${id}`).innerText();
    return {
      title: await text("order-status-title"),
      detail: await text("order-status-detail"),
      status: await text("order-state"),
      etag: await text("order-etag"),
      address: await text("order-address"),
      tracking: await text("order-tracking"),
      // A button role excludes hidden elements: this is whether the shopper sees a cancel they can press.
      cancelOffered: (await this.cancelButton.count()) === 1 && (await this.cancelButton.isEnabled()),
    };
  }
}

/** The version an etag names ("<id>.<version>", quoted): proof that a transition happened once, not twice. */
export const versionOf = (etag: string): number => Number(/\.(\d+)"$/.exec(etag)?.[1]);
