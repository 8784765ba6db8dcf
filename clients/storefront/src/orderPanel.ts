import { cancelOrder, changeOrder, type Order, type OrdersClient, readOrder, type RetryOptions } from "@orders/client";
import { cancelledOutcome, changedOutcome, type OrderOutcome, transitionFailedOutcome } from "./orderOutcome.js";
import { OrderWatch, type WatchState } from "./orderWatch.js";

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`#${id} is missing from the page.`);
  return element as T;
};

const addressFields = ["line1", "city", "postalCode", "country"] as const;

/** What the shopper reads for a status: the warehouse's "fulfilled" is a shipped parcel to them. */
const statusLabel = (status: string): string => (status === "fulfilled" ? "shipped" : status);

/**
 * The placed order, with "Cancel order" and "Change address". Double-click safe twice over: a button is
 * disabled while its request is in flight, and every request names the version it was made from
 * (If-Match), so even a retry after a lost answer cannot cancel or change twice (the helpers read that
 * 409 / 412 alreadyApplied as done). While the page is open it keeps the order current (OrderWatch:
 * polls with If-None-Match), so a shipment or a cancel elsewhere shows without a reload; a cancelled
 * or shipped order offers neither button.
 */
export class OrderPanel {
  private order: Order | undefined;
  private inFlight = 0;
  private readonly cancelButton = byId<HTMLButtonElement>("cancel-order");
  private readonly changeButton = byId<HTMLButtonElement>("change-address");

  private readonly watch: OrderWatch;

  constructor(private readonly client: OrdersClient, private readonly retryOptions: RetryOptions) {
    this.watch = new OrderWatch(client, {
      shown: () => this.order,
      // A transition of this page in flight will show its own answer, which is newer.
      changed: (order) => { if (this.inFlight === 0) this.render(order); },
      state: (state, detail) => this.watchState(state, detail),
      // The plan, for whoever inspects the page (and the tests): how many polls so far, and the gap to the next.
      scheduled: (polls, gapMs) => Object.assign(byId("order-watch").dataset, { polls: String(polls), gapMs: String(gapMs) }),
    });
    this.cancelButton.addEventListener("click", () => void this.run(() => this.cancel()));
    byId<HTMLFormElement>("address-form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.run(() => this.change());
    });
  }

  /** Shows a placed order (from the checkout) and what can be done with it. */
  show(order: Order): void {
    this.render(order);
    this.status("shown", "", "");
  }

  private async run(transition: () => Promise<OrderOutcome>): Promise<void> {
    // Disabled at once, in the click's own task: the second click of a double click finds it disabled.
    if (this.order === undefined || this.inFlight > 0) return;
    this.inFlight++;
    this.setBusy(true);
    this.status("sending", "Sending…", "");
    let outcome: OrderOutcome;
    try {
      outcome = await transition();
    } catch (error) {
      outcome = transitionFailedOutcome(error);
    }
    // A cancelled order that the 409 did not carry: read it, so the panel never shows a stale "placed".
    const order = outcome.order ?? (await readOrder(this.client, this.order.clientReference, this.retryOptions).catch(() => this.order));
    this.inFlight--;
    if (order) this.render(order);
    this.setBusy(false);
    this.status(outcome.state, outcome.title, outcome.detail);
  }

  private async cancel(): Promise<OrderOutcome> {
    const order = this.order!;
    return cancelledOutcome(await cancelOrder(this.client, order.clientReference, { ifMatch: order.etag }, this.retryOptions));
  }

  private async change(): Promise<OrderOutcome> {
    const order = this.order!;
    const form = byId<HTMLFormElement>("address-form");
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const shippingAddress = Object.fromEntries(addressFields.map((field) => [field, value(field)]));
    return changedOutcome(await changeOrder(this.client, order.clientReference, { shippingAddress }, order.etag, this.retryOptions));
  }

  private render(order: Order): void {
    const moved = this.order?.etag !== order.etag;
    const before = this.order?.shippingAddress;
    this.order = order;
    byId("order-panel").hidden = false;
    byId("order-state").textContent = statusLabel(order.status);
    byId("order-etag").textContent = order.etag;
    const address = order.shippingAddress;
    byId("order-address").textContent = address ? `${address.line1}, ${address.postalCode} ${address.city}, ${address.country}` : "(no shipping address)";
    this.renderShipment(order);
    const form = byId<HTMLFormElement>("address-form");
    for (const field of addressFields) {
      const input = form.elements.namedItem(field) as HTMLInputElement;
      // A poll may land while the shopper types: what they typed stays; only untouched fields follow the order.
      if (input.value === (before?.[field] ?? "")) input.value = address?.[field] ?? "";
    }
    // Not offered at all once nothing can be done (the API would answer 409 ORDER_NOT_CANCELLABLE / NOT_CHANGEABLE).
    form.hidden = order.status !== "placed";
    this.setBusy(false);
    if (moved) this.watch.follow(order);
  }

  /** A shipped order's when, with whom and its tracking number (each may be missing: the warehouse did not say). */
  private renderShipment(order: Order): void {
    byId("order-shipment").hidden = order.status !== "fulfilled";
    byId("order-shipped-at").textContent = order.fulfilledAt ? `on ${new Date(order.fulfilledAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}` : "";
    byId("order-carrier").textContent = order.carrier ? ` with ${order.carrier}` : "";
    byId("order-tracking").textContent = order.trackingNumber ?? "(none given)";
  }

  private watchState(state: WatchState, detail: string): void {
    const line = byId("order-watch");
    line.dataset.state = state;
    line.textContent = detail;
  }

  private setBusy(busy: boolean): void {
    const open = this.order?.status === "placed";
    this.cancelButton.disabled = busy || !open;
    this.changeButton.disabled = busy || !open || this.order?.shippingAddress === null;
  }

  private status(state: OrderOutcome["state"] | "shown" | "sending", title: string, detail: string): void {
    const box = byId("order-status");
    box.dataset.state = state;
    box.dataset.inFlight = String(this.inFlight);
    byId("order-status-title").textContent = title;
    byId("order-status-detail").textContent = detail;
  }
}
