// A page that may only talk to the loopback: every request that would leave it is recorded (and cannot
// leave: launchChromium resolves every other host name to nothing and sends IP-literal traffic to a dead
// proxy), and page errors and console errors are collected, for the tests to assert on.
// Requests are observed, not intercepted: Playwright's router puts each request through this process,
// which added 0.6-0.9 s to every page's time to first chart (npm run bench:pages, with and without --unguarded).
import type {Browser, BrowserContext, Page} from "playwright-core";

export const isLoopback = (url: URL) =>
  ["data:", "blob:", "about:"].includes(url.protocol) ||
  ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname) ||
  url.hostname.startsWith("127.");

export interface GuardedPage {
  context: BrowserContext;
  page: Page;
  /** Requests that tried to leave the loopback (recorded; the browser's flags keep them from leaving). */
  outside: string[];
  /** Page errors and console errors, in order. */
  errors: string[];
}

export async function openGuardedPage(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<GuardedPage> {
  const context = await browser.newContext(options);
  const outside: string[] = [];
  const errors: string[] = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (!isLoopback(url)) outside.push(url.href);
  });
  // tsx compiles the tests with esbuild's keepNames, which wraps named functions passed to
  // page.evaluate in a `__name` helper that does not exist in the page.
  await context.addInitScript("globalThis.__name = (f) => f;");
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console error: ${message.text()}`);
  });
  return {context, page, outside, errors};
}
