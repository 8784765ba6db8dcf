import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { pageDir } from "../tools/paths.js";
import { serveFolder, type StaticSite } from "../tools/staticServer.js";
import { launchChromium } from "./support/chromium.js";

describe("the built page as a static host serves it", { timeout: 120_000 }, () => {
  let site: StaticSite;
  let browser: Browser;

  before(async () => {
    site = await serveFolder(pageDir);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test("loading the page asks the site for nothing it lacks (no /favicon.ico 404)", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();

    await page.goto(`${site.origin}/`, { waitUntil: "load" });
    // A browser asks for the icon after the load; give it a moment (bounded) to do so.
    await page.waitForTimeout(1_500);
    await page.close();

    assert.deepEqual(site.notFound, []);
  });
});
