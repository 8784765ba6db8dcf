import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Request } from "playwright-core";
import { pageDir } from "../tools/paths.js";
import { serveFolder } from "../tools/staticServer.js";
import { storefrontSuite } from "./support/storefrontSuite.js";

// Bounded everywhere: a slow machine gets time, a hang gets a failure.
const bounded = { timeout: 60_000 };

/** The statuses the browser got for the POSTs it sent; null where it got no answer. */
const answers = (posts: Request[]) => Promise.all(posts.map(async (post) => (await post.response())?.status() ?? null));

describe("the demo checkout page in Chromium against the real API", { timeout: 300_000 }, () => {
  const storefront = storefrontSuite();
  const shopper = storefront.shopper;

  test("a double click, and a fast triple click, on Place order place exactly one order each", bounded, async () => {
    const { checkout, orders } = await shopper("shopper-double-click");
    const firstReference = await checkout.shownReference();

    await checkout.placeOrderButton.dblclick();
    const first = await checkout.settled("placed");
    const doubleClickAnswers = await answers(checkout.orderPosts);
    await checkout.page.getByRole("button", { name: "Start a new order" }).click();
    const secondReference = await checkout.shownReference();
    await checkout.placeOrderButton.click({ clickCount: 3 });
    const second = await checkout.settled("placed");
    await checkout.screenshot("double-click");

    // Every click sent its POST; the API placed one order per checkout attempt and answered the rest 409.
    const tripleClickAnswers = (await answers(checkout.orderPosts)).slice(doubleClickAnswers.length);
    assert.ok(doubleClickAnswers.length >= 2 && tripleClickAnswers.length >= 3, "each click sends a POST");
    assert.equal(doubleClickAnswers.filter((status) => status === 201).length, 1);
    assert.equal(tripleClickAnswers.filter((status) => status === 201).length, 1);
    const stored = await orders();
    assert.equal(stored.length, 2);
    assert.equal(stored.find((order) => order.clientReference === firstReference)?.orderId, first.orderId);
    assert.equal(stored.find((order) => order.clientReference === secondReference)?.orderId, second.orderId);
  });

  test("a lost response: the page retries with the same reference and shows the one order as placed", bounded, async () => {
    const { checkout, orders } = await shopper("shopper-lost-response");
    let lostAnswer: number | undefined;
    // While a route is set, Playwright answers CORS preflights itself; the answers the page reads are the API's.
    await checkout.page.route(`${storefront.api.url}/orders`, async (route) => {
      if (route.request().method() !== "POST" || lostAnswer !== undefined) return route.continue();
      lostAnswer = (await route.fetch()).status(); // the API has placed the order...
      await route.abort("connectionreset"); // ...and the browser never hears of it
    });

    await checkout.placeOrderButton.click();
    const status = await checkout.settled("placed");
    await checkout.screenshot("lost-response");

    assert.equal(lostAnswer, 201);
    assert.deepEqual(await answers(checkout.orderPosts), [null, 409]);
    const references = checkout.orderPosts.map((post) => (post.postDataJSON() as { clientReference: string }).clientReference);
    assert.equal(references[1], references[0], "the retry sends the same reference");
    assert.match(status.detail, /earlier request/);
    const stored = await orders();
    assert.deepEqual(stored.map((order) => order.orderId), [status.orderId]);
  });

  test("a reload in the middle of a checkout reuses the reference: still one order", bounded, async () => {
    const { checkout, orders } = await shopper("shopper-reload");
    const reference = await checkout.shownReference();
    let reachedApi: (status: number) => void = () => {};
    const placedOnServer = new Promise<number>((resolve) => (reachedApi = resolve));
    let held = false;
    await checkout.page.route(`${storefront.api.url}/orders`, async (route) => {
      if (route.request().method() !== "POST" || held) return route.continue();
      held = true;
      // The API places the order; its answer is held until the shopper loses patience and reloads.
      reachedApi((await route.fetch()).status());
    });

    await checkout.placeOrderButton.click();
    assert.equal(await placedOnServer, 201);
    await checkout.page.reload();
    await checkout.settled("ready");
    assert.equal(await checkout.shownReference(), reference);
    assert.equal(await checkout.storedReference(), reference);
    await checkout.placeOrderButton.click();
    const status = await checkout.settled("placed");
    await checkout.screenshot("reload");

    assert.match(status.detail, /earlier request/);
    const stored = await orders();
    assert.deepEqual(stored.map((order) => [order.clientReference, order.orderId]), [[reference, status.orderId]]);
  });

  test("a changed cart sent with a placed order's reference gets the reuse error and no second order", bounded, async () => {
    const { checkout, orders } = await shopper("shopper-changed-cart");
    await checkout.placeOrderButton.click();
    const placed = await checkout.settled("placed");

    await checkout.quantityOf("Blue enamel mug").fill("3");
    await checkout.quantityOf("Blue enamel mug").press("Tab");
    await checkout.placeOrderButton.click();
    const refused = await checkout.settled("reused");
    await checkout.screenshot("changed-cart");

    assert.deepEqual(await answers(checkout.orderPosts), [201, 409]);
    assert.match(refused.title, /already placed a different order/);
    assert.equal(refused.orderId, placed.orderId);
    const stored = await orders();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.lines[0]?.quantity, 2, "the placed order is unchanged");
  });

  test("from an origin the API does not allow, the page reports the failure and nothing is stored", bounded, async () => {
    // The same page, served from another port: an origin missing from the API's Cors:AllowedOrigins.
    const elsewhere = await serveFolder(pageDir);
    try {
      const { checkout, orders } = await shopper("shopper-other-origin", elsewhere.origin);
      await checkout.placeOrderButton.click();
      const failed = await checkout.settled("failed");
      await checkout.screenshot("disallowed-origin");

      assert.match(failed.title, /could not be reached/);
      assert.ok(checkout.orderPosts.length >= 1);
      assert.ok((await answers(checkout.orderPosts)).every((status) => status === null), "the browser let no answer through");
      assert.deepEqual(await orders(), []);
    } finally {
      await elsewhere.close();
    }
  });
});
