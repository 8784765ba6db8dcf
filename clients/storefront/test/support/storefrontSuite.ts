import { after, afterEach, before } from "node:test";
import { createOrdersClient } from "@orders/client";
import type { Browser, Page } from "playwright-core";
import { pageDir } from "../../tools/paths.js";
import { serveFolder, type StaticSite } from "../../tools/staticServer.js";
import { ApiProcess } from "./apiProcess.js";
import { CheckoutPage } from "./checkoutPage.js";
import { launchChromium } from "./chromium.js";
import { storedOrders } from "./storedOrders.js";
import { TestTokens } from "./tokens.js";

/**
 * The page served from a static site, the real API allowing that site's origin, and Chromium, for the
 * describe block it is called in; every shopper's browser context is closed after each test.
 */
export function storefrontSuite() {
  const tokens = new TestTokens();
  const opened: CheckoutPage[] = [];
  const suite = {} as { site: StaticSite; api: ApiProcess; browser: Browser };

  before(async () => {
    suite.site = await serveFolder(pageDir);
    // The page's own origin is the one the API allows; every other origin is refused.
    suite.api = await ApiProcess.start(suite.site.origin, tokens.apiEnvironment);
    suite.browser = await launchChromium();
  }, { timeout: 120_000 });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((checkout) => checkout.close()));
  });
  after(async () => {
    await suite.browser?.close();
    await suite.api?.stop();
    await suite.site?.close();
  });

  return {
    get api() { return suite.api; },
    /** A client of the fulfilment service (the warehouse): it may fulfil any owner's order, and do nothing else. */
    warehouse: () => createOrdersClient({ baseUrl: suite.api.url, token: () => tokens.mintService() }),
    /** A shopper of their own (so each test counts only its own orders) on the checkout page. */
    async shopper(owner: string, origin = suite.site.origin, prepare?: (page: Page) => Promise<void>) {
      const token = tokens.mint(owner);
      const checkout = await CheckoutPage.open(suite.browser, origin, suite.api.url, token, prepare);
      opened.push(checkout);
      return { checkout, token, orders: () => storedOrders(suite.api.url, token) };
    },
  };
}
