import { type Browser, chromium } from "playwright-core";

/** The distribution's Chromium (Debian package `chromium`); Playwright's own download is not used. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, timeout: 30_000 });
}
