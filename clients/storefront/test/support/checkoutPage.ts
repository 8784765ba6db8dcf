import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page, Request } from "playwright-core";
import { repositoryRoot, storefrontDir } from "../../tools/paths.js";

/** The key src/attempt.ts keeps the checkout attempt's reference under. */
const referenceKey = "storefront.clientReference";

export type CheckoutState = "ready" | "placed" | "reused" | "failed";

/**
 * Every run writes its screenshots to test-results/ (ignored); UPDATE_SCREENSHOTS=1 also refreshes the
 * committed ones in docs/images/ that the README shows.
 */
const screenshotFolders = [join(storefrontDir, "test-results"), ...(process.env.UPDATE_SCREENSHOTS === "1" ? [join(repositoryRoot, "docs/images")] : [])];

/** One shopper (a browser context of its own, so its own sessionStorage) on the checkout page. */
export class CheckoutPage {
  /** Every POST /orders the browser sent: proof that the clicks and retries really went out. */
  readonly orderPosts: Request[] = [];

  private constructor(private readonly context: BrowserContext, readonly page: Page) {
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/orders") this.orderPosts.push(request);
    });
  }

  /**
   * Opens the page served at `siteOrigin`, pointed at the API with the shopper's token (as a login would);
   * `prepare` runs on the page before it loads (to install a fake clock, say).
   */
  static async open(browser: Browser, siteOrigin: string, apiUrl: string, token: string,
    prepare: (page: Page) => Promise<void> = async () => {}): Promise<CheckoutPage> {
    const context = await browser.newContext({ viewport: { width: 760, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await prepare(page);
    const checkout = new CheckoutPage(context, page);
    await page.goto(`${siteOrigin}/?${new URLSearchParams({ api: apiUrl, token })}`);
    await checkout.settled("ready");
    return checkout;
  }

  get placeOrderButton(): Locator {
    return this.page.getByRole("button", { name: "Place order" });
  }

  quantityOf(title: string): Locator {
    return this.page.getByLabel(`Quantity of ${title}`);
  }

  /** Waits until the status box says `state` and no placeOrder call of the page is still running. */
  async settled(state: CheckoutState): Promise<{ title: string; detail: string; orderId: string }> {
    await this.page.locator(`#checkout-status[data-state="${state}"][data-in-flight="0"]`).waitFor();
    const text = (id: string) => this.page.locator(`#${id}`).innerText();
    return { title: await text("status-title"), detail: await text("status-detail"), orderId: await text("order-id") };
  }

  shownReference(): Promise<string> {
    return this.page.locator("#client-reference").innerText();
  }

  /** What the page keeps in sessionStorage (an expression: these tests compile without the DOM types). */
  storedReference(): Promise<string | null> {
    return this.page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(referenceKey)})`);
  }

  async screenshot(name: string): Promise<void> {
    for (const folder of screenshotFolders) {
      await mkdir(folder, { recursive: true });
      await this.page.locator("main").screenshot({ path: join(folder, `storefront-${name}.png`), animations: "disabled", caret: "hide" });
    }
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
