import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { changeOrder, createOrdersClient } from "@orders/client";
import type { Request } from "playwright-core";
import { OrderPanelView, versionOf } from "./support/orderPanelView.js";
import { storefrontSuite } from "./support/storefrontSuite.js";

// Bounded everywhere: a slow machine gets time, a hang gets a failure.
const bounded = { timeout: 60_000 };

/** The statuses the browser got for the requests it sent; null where it got no answer. */
const answers = (requests: Request[]) => Promise.all(requests.map(async (request) => (await request.response())?.status() ?? null));

describe("the order page in Chromium: cancel and change the placed order, exactly once", { timeout: 300_000 }, () => {
  const storefront = storefrontSuite();

  /** A shopper who has just placed an order, with the order panel in view. */
  async function placedOrder(owner: string) {
    const shopper = await storefront.shopper(owner);
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
    assert.equal(shown.cancelDisabled, true, "a cancelled order offers no cancel");
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
});
