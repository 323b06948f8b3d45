// Page load times of the built report (dist/), as a reader on this machine sees them: each page opened in a
// fresh browser context (nothing cached), several rounds, printing per page the time to the first chart and to
// all charts (the browser test's definition, test/browser/chart-timing.ts), DOMContentLoaded, the requests made
// and their bytes, and the machine's load average before and after. Run it on a quiet machine (no sweep): the
// numbers measure the machine as much as the site.
//
// Usage: npm run build && npm run bench:pages -- [--pages /,/scaling] [--rounds 3] [--dist dist] [--unguarded]
import {existsSync} from "node:fs";
import {loadavg} from "node:os";
import {parseArgs} from "node:util";
import {serveStatic} from "../test/browser/static-server.js";
import {launchChromium} from "../test/browser/chromium.js";
import {listBuiltPages} from "../test/browser/pages.js";
import {chartTimes, watchCharts} from "../test/browser/chart-timing.js";
import {inspectPage} from "../test/browser/page-check.js";
import {openGuardedPage} from "../test/browser/guarded-page.js";

const {values} = parseArgs({options: {pages: {type: "string"}, rounds: {type: "string", default: "3"}, dist: {type: "string", default: "dist"}, unguarded: {type: "boolean", default: false}}});
const dist = values.dist!;
if (!existsSync(dist)) {
  console.error(`${dist}/ does not exist: run npm run build first`);
  process.exit(2);
}
const pages = values.pages ? values.pages.split(",") : listBuiltPages(dist);
const rounds = Number(values.rounds);
const site = await serveStatic(dist);
const browser = await launchChromium();
const before = loadavg()[0]!;
const results = new Map<string, {first: number; all: number; dcl: number; requests: number; kb: number}[]>();
for (let round = 0; round < rounds; round++) {
  for (const path of pages) {
    // Guarded as in the browser test (every request passes Playwright's router, which checks it stays on the
    // loopback), or --unguarded: the browser fetches on its own, as a reader's does.
    const viewport = {viewport: {width: 1280, height: 900}};
    const context = values.unguarded ? await browser.newContext(viewport) : (await openGuardedPage(browser, viewport)).context;
    if (values.unguarded) await context.addInitScript("globalThis.__name = (f) => f;");
    await watchCharts(context);
    const page = values.unguarded ? await context.newPage() : context.pages()[0]!;
    await page.goto(site.url + path, {waitUntil: "networkidle"});
    await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, undefined, {timeout: 30_000});
    const count = (await page.evaluate(inspectPage)).charts.filter((c) => c.marks > 0).length;
    const times = await chartTimes(page, count);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const r = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      return {dcl: n.domContentLoadedEventEnd, requests: r.length + 1, kb: (n.encodedBodySize + r.reduce((s, x) => s + x.encodedBodySize, 0)) / 1024};
    });
    const list = results.get(path) ?? [];
    list.push({first: times.first ?? NaN, all: times.all ?? NaN, dcl: nav.dcl, requests: nav.requests, kb: nav.kb});
    results.set(path, list);
    await context.close();
  }
}
await browser.close();
await site.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const ms = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
console.log(`page load, ${rounds} rounds, fresh ${values.unguarded ? "unguarded" : "guarded"} context per page; load average ${before.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after, on 2 cores`);
console.log(`${"page".padEnd(14)} ${"first chart ms".padEnd(18)} ${"all charts ms".padEnd(18)} ${"DCL ms".padEnd(18)} requests  kB`);
for (const [path, list] of results) {
  console.log(`${path.padEnd(14)} ${ms(list.map((r) => r.first)).padEnd(18)} ${ms(list.map((r) => r.all)).padEnd(18)} ${ms(list.map((r) => r.dcl)).padEnd(18)} ${String(list[0]!.requests).padEnd(9)} ${list[0]!.kb.toFixed(0)}`);
}
