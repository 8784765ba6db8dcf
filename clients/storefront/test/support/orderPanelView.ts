import type { Locator, Page, Request } from "playwright-core";

export type OrderPanelState = "shown" | "cancelled" | "changed" | "stale" | "failed";

/** The order panel under the checkout: what a shopper sees of the placed order and does with it. */
export class OrderPanelView {
  /** Every cancel (POST …/cancellation) and change (PATCH) the browser sent. */
  readonly transitions: Request[] = [];

  constructor(readonly page: Page) {
    page.on("request", (request) => {
      if (request.method() === "PATCH" || (request.method() === "POST" && request.url().endsWith("/cancellation"))) this.transitions.push(request);
    });
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
      cancelDisabled: await this.cancelButton.isDisabled(),
    };
  }
}

/** The version an etag names ("<id>.<version>", quoted): proof that a transition happened once, not twice. */
export const versionOf = (etag: string): number => Number(/\.(\d+)"$/.exec(etag)?.[1]);
