// When a page's charts appear: an init script (before any page code) counts the drawn charts
// (inspectPage's definition: a chart SVG with marks) once per frame while the page changes, and
// records the time (ms since navigation started) at which each count was first reached.
import type {BrowserContext, Page} from "playwright-core";
import {inspectPage} from "./page-check.js";

const SCRIPT = `(() => {
  const inspect = ${inspectPage.toString()};
  const times = [];
  window.__chartTimes = times;
  let last = 0, queued = false;
  const check = () => {
    queued = false;
    const n = inspect().charts.filter((c) => c.marks > 0).length;
    if (n > last) { last = n; times.push({t: performance.now(), n}); }
  };
  new MutationObserver(() => { if (!queued) { queued = true; requestAnimationFrame(check); } })
    .observe(document, {subtree: true, childList: true});
})();`;

/** Installs the chart clock in every page of `context` (call before navigating). */
export async function watchCharts(context: BrowserContext): Promise<void> {
  await context.addInitScript(SCRIPT);
}

export interface ChartTimes {
  /** ms from navigation to the first chart with marks (null: none drawn). */
  first: number | null;
  /** ms from navigation until `count` charts were drawn (null: never). */
  all: number | null;
  count: number;
}

/** The page's chart times once `count` charts are expected (the page's final chart count). */
export async function chartTimes(page: Page, count: number): Promise<ChartTimes> {
  const times = (await page.evaluate(() => (window as unknown as {__chartTimes: {t: number; n: number}[]}).__chartTimes ?? [])) as {t: number; n: number}[];
  return {first: times[0]?.t ?? null, all: times.find((x) => x.n >= count)?.t ?? null, count};
}
