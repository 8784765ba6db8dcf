import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cancelOrder, changeOrder, createOrdersClient, fulfilOrder } from "@orders/client";
import type { Page, Request } from "playwright-core";
import { OrderPanelView, versionOf } from "./support/orderPanelView.js";
import { storefrontSuite } from "./support/storefrontSuite.js";

// Bounded everywhere: a slow machine gets time, a hang gets a failure.
const bounded = { timeout: 60_000 };

/** The statuses the browser got for the requests it sent; null where it got no answer. */
const answers = (requests: Request[]) => Promise.all(requests.map(async (request) => (await request.response())?.status() ?? null));

/**
 * Headless Chromium never hides its tab, so the test says it is hidden (or shown) the way the page
 * learns it: document.visibilityState and hidden, and the visibilitychange event.
 */
const setVisibility = (page: Page, state: "hidden" | "visible") => page.evaluate(`(() => {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => ${JSON.stringify(state)} });
  Object.defineProperty(document, "hidden", { configurable: true, get: () => ${JSON.stringify(state === "hidden")} });
  document.dispatchEvent(new Event("visibilitychange"));
})()`);

/**
 * The network log of a page that saw its order change while open: every poll named the version shown
 * (If-None-Match), got 304 until the change and 200 with it; and, the order now final, no poll follows
 * (with the watch still on, one would come within its first gap, 1 s).
 */
async function assertPolledUntilTheChange(panel: OrderPanelView, shownEtag: string): Promise<void> {
  const polls = await panel.polls();
  assert.ok(polls.every((poll) => poll.ifNoneMatch === shownEtag), `every poll named the shown version: ${JSON.stringify(polls)}`);
  const statuses = polls.map((poll) => poll.status);
  assert.equal(statuses.at(-1), 200);
  assert.ok(statuses.length >= 3 && statuses.slice(0, -1).every((status) => status === 304), `304s before the change: ${statuses}`);
  await panel.page.waitForTimeout(2_500);
  assert.equal(panel.reads.length, polls.length, "no poll after a final state");
}

const shipment = { carrier: "DHL", trackingNumber: "JD014600006281" };

/** A mark in the page's window: still there later means the page was not reloaded in between. */
const markDocument = (page: Page) => page.evaluate("window.sameDocument = true");
const sameDocument = (page: Page) => page.evaluate<boolean>("window.sameDocument === true");

describe("the order page in Chromium: cancel and change the placed order, exactly once, and see it change elsewhere", { timeout: 300_000 }, () => {
  const storefront = storefrontSuite();

  /** A shopper who has just placed an order, with the order panel in view. */
  async function placedOrder(owner: string, { fakeClock = false } = {}) {
    // A fake clock (Playwright's) stands still from before the order is placed: the test moves it.
    const shopper = await storefront.shopper(owner, undefined, fakeClock ? (page) => page.clock.install() : undefined);
    if (fakeClock) await shopper.checkout.page.clock.pauseAt(Date.now() + 1_000);
    const panel = new OrderPanelView(shopper.checkout.page);
    await shopper.checkout.placeOrderButton.click();
    await shopper.checkout.settled("placed");
    const shown = await panel.settled("shown");
    assert.equal(versionOf(shown.etag), 1);
    const [order] = await shopper.orders();
    assert.ok(order);
    return { ...shopper, panel, order };
  }

  test("a double click on Cancel order cancels once: the version moves from .1 to .2, not .3", bounded, async () => {
    const { checkout, panel, orders } = await placedOrder("shopper-cancel-double-click");

    await panel.cancelButton.dblclick();
    const shown = await panel.settled("cancelled");
    await checkout.screenshot("cancelled");

    assert.equal(shown.status, "cancelled");
    assert.equal(versionOf(shown.etag), 2);
    assert.equal(shown.cancelOffered, false, "a cancelled order offers no cancel");
    assert.deepEqual(await answers(panel.transitions), [200]);
    const [stored] = await orders();
    assert.equal(stored?.status, "cancelled");
    assert.equal(stored?.etag, shown.etag);
  });

  test("a double click on Change address changes once and shows the new address", bounded, async () => {
    const { checkout, panel, orders } = await placedOrder("shopper-change-double-click");

    await panel.fillAddress({ line1: "Am Neuen Markt 9", postalCode: "14467", city: "Potsdam" });
    await panel.changeAddressButton.dblclick();
    const shown = await panel.settled("changed");
    await checkout.screenshot("address-changed");

    assert.equal(shown.address, "Am Neuen Markt 9, 14467 Potsdam, DE");
    assert.equal(versionOf(shown.etag), 2);
    assert.deepEqual(await answers(panel.transitions), [200]);
    const [stored] = await orders();
    assert.equal(stored?.shippingAddress?.city, "Potsdam");
    assert.equal(stored?.etag, shown.etag);
  });

  test("a lost answer to the change: the retry learns it is in (412 alreadyApplied) and it was made once", bounded, async () => {
    const { panel, orders, order } = await placedOrder("shopper-change-lost-answer");
    let lostAnswer: number | undefined;
    await panel.page.route(`${storefront.api.url}/orders/${order.clientReference}`, async (route) => {
      if (route.request().method() !== "PATCH" || lostAnswer !== undefined) return route.continue();
      lostAnswer = (await route.fetch()).status(); // the API has changed the order...
      await route.abort("connectionreset"); // ...and the browser never hears of it
    });

    await panel.fillAddress({ city: "Potsdam", postalCode: "14467" });
    await panel.changeAddressButton.click();
    const shown = await panel.settled("changed");

    assert.equal(lostAnswer, 200);
    assert.deepEqual(await answers(panel.transitions), [null, 412]);
    assert.match(shown.detail, /already made this change/);
    assert.equal(versionOf(shown.etag), 2);
    const [stored] = await orders();
    assert.equal(stored?.etag, shown.etag);
    assert.equal(stored?.shippingAddress?.city, "Potsdam");
  });

  test("an order changed elsewhere (412 alreadyApplied: false) is shown as it is now, and nothing is overwritten", bounded, async () => {
    const { checkout, panel, orders, order, token } = await placedOrder("shopper-changed-elsewhere");
    // The page has not heard of the change (its polls get no answer): the change it sends is made from .1.
    await panel.losePolls(order.clientReference, storefront.api.url);
    // Another tab (or the shop's staff) changes the address first.
    const elsewhere = createOrdersClient({ baseUrl: storefront.api.url, token: () => token });
    await changeOrder(elsewhere, order.clientReference, { shippingAddress: { city: "Hamburg", postalCode: "20095" } }, order.etag);

    await panel.fillAddress({ city: "Potsdam", postalCode: "14467" });
    await panel.changeAddressButton.click();
    const stale = await panel.settled("stale");
    await checkout.screenshot("changed-elsewhere");

    assert.deepEqual(await answers(panel.transitions), [412]);
    assert.match(stale.title, /changed elsewhere/);
    assert.equal(stale.address, "Unter den Linden 1, 20095 Hamburg, DE");
    assert.equal(versionOf(stale.etag), 2);
    const [stored] = await orders();
    assert.equal(stored?.shippingAddress?.city, "Hamburg");

    // The page now holds the current version: a cancel from it goes through.
    await panel.cancelButton.click();
    const cancelled = await panel.settled("cancelled");
    assert.equal(versionOf(cancelled.etag), 3);
  });

  test("an order cancelled elsewhere shows as cancelled without a reload: the polls carried If-None-Match, 304 until then", bounded, async () => {
    const { checkout, panel, order, token } = await placedOrder("shopper-cancelled-elsewhere");
    await markDocument(checkout.page);
    await panel.answeredPolls(2, 304);

    // The shopper cancels by phone, say: another client of the same owner.
    const elsewhere = createOrdersClient({ baseUrl: storefront.api.url, token: () => token });
    const { order: cancelled } = await cancelOrder(elsewhere, order.clientReference, { reason: "Cancelled by phone" });
    const shown = await panel.watch("final");
    await checkout.screenshot("cancelled-elsewhere");

    assert.equal(shown.status, "cancelled");
    assert.equal(await sameDocument(checkout.page), true, "no reload");
    assert.equal(await panel.cancelButton.isVisible(), false, "a cancelled order offers no cancel");
    assert.equal(await checkout.page.locator("#order-etag").innerText(), cancelled.etag);
    await assertPolledUntilTheChange(panel, order.etag);
  });

  test("an order the warehouse fulfils while the page is open shows as shipped, with its tracking number, without a reload", bounded, async () => {
    const { checkout, panel, order } = await placedOrder("shopper-shipped");
    await markDocument(checkout.page);
    await panel.answeredPolls(2, 304);

    // The fulfilment service (a token whose scope is orders:fulfil) names the order as order.placed does.
    const fulfilled = await fulfilOrder(storefront.warehouse(), "shopper-shipped", order.clientReference, shipment);
    const shown = await panel.watch("final");
    await checkout.screenshot("shipped");

    assert.equal(fulfilled.fulfilledByThisCall, true);
    assert.equal(shown.status, "shipped");
    assert.equal(shown.tracking, shipment.trackingNumber);
    assert.match(shown.shipment, /^Shipped on .+ with DHL\. Tracking number: JD014600006281$/);
    assert.match(shown.line, /can no longer be cancelled/);
    assert.equal(await sameDocument(checkout.page), true, "no reload");
    assert.equal(await panel.cancelButton.count(), 0, "a shipped order offers no cancel");
    assert.equal(await checkout.page.locator("#order-etag").innerText(), fulfilled.etag);
    await assertPolledUntilTheChange(panel, order.etag);
  });

  test("Cancel pressed on an order shipped since the page last heard: the page says it has shipped (409 ORDER_NOT_CANCELLABLE)", bounded, async () => {
    const { checkout, panel, orders, order } = await placedOrder("shopper-cancel-shipped");
    // The page has not heard of the shipment (its polls get no answer), so it still offers the cancel.
    await panel.losePolls(order.clientReference, storefront.api.url);
    await fulfilOrder(storefront.warehouse(), "shopper-cancel-shipped", order.clientReference, shipment);

    await panel.cancelButton.click();
    const refused = await panel.settled("stale");
    await checkout.screenshot("not-cancellable");

    assert.deepEqual(await answers(panel.transitions), [409]);
    assert.equal(refused.title, "Your order has shipped");
    assert.match(refused.detail, /can no longer be cancelled, so nothing was changed \(409 ORDER_NOT_CANCELLABLE\)/);
    assert.equal(refused.status, "shipped", "the page read the order after the 409");
    assert.equal(refused.tracking, shipment.trackingNumber);
    assert.equal(refused.cancelOffered, false);
    const [stored] = await orders();
    assert.equal(stored?.status, "fulfilled");
    assert.equal(stored?.etag, refused.etag);
  });

  test("a hidden tab does not poll; shown again, it polls at once", bounded, async () => {
    const { checkout, panel } = await placedOrder("shopper-hidden-tab");
    await panel.answeredPolls(1, 304);

    await setVisibility(checkout.page, "hidden");
    await panel.watch("paused");
    const whileHidden = panel.reads.length;
    await checkout.page.waitForTimeout(4_000);
    assert.equal(panel.reads.length, whileHidden, "no poll while the tab is hidden");

    await setVisibility(checkout.page, "visible");
    await panel.watch("watching");
    const polls = await panel.answeredPolls(whileHidden + 1, 304);
    assert.ok(polls.every((poll) => poll.ifNoneMatch !== undefined));
  });

  test("the polls back off from 1 s by half each time to 30 s, and stop after 60 (27 minutes on a fake clock), saying so", bounded, async () => {
    const { checkout, panel } = await placedOrder("shopper-poll-budget", { fakeClock: true });
    const clock = checkout.page.clock;
    const planned = async (polls: number) => {
      const line = checkout.page.locator(`#order-watch[data-polls="${polls}"]`);
      await line.waitFor({ state: "attached" });
      return Number(await line.getAttribute("data-gap-ms"));
    };

    let elapsed = 0;
    for (let poll = 1; poll <= 60; poll++) {
      const gap = await planned(poll - 1);
      assert.ok(Math.abs(gap - Math.min(30_000, 1_000 * 1.5 ** (poll - 1))) < 1e-6, `gap before poll ${poll}: ${gap} ms`);
      if (poll <= 10) {
        // The backoff itself: not a moment early.
        await clock.runFor(Math.ceil(gap) - 1);
        await checkout.page.waitForTimeout(50);
        assert.equal(panel.reads.length, poll - 1, `no poll ${poll} before its gap is over`);
        await clock.runFor(1);
      } else {
        await clock.runFor(Math.ceil(gap));
      }
      elapsed += Math.ceil(gap);
      await panel.answeredPolls(poll, 304);
    }
    await planned(60);
    await clock.runFor(30_000);
    const stopped = await panel.watch("stopped");
    await clock.runFor(600_000);
    await checkout.page.waitForTimeout(200);

    assert.equal(panel.reads.length, 60, "no poll after the 60th");
    assert.match(stopped.line, /Stopped checking for updates/);
    assert.ok(elapsed > 25 * 60_000 && elapsed < 27 * 60_000, `60 polls took ${elapsed / 60_000} minutes`);
    assert.ok((await panel.polls()).every((poll) => poll.ifNoneMatch !== undefined));
  });
});
