// The browser test: opens every page of the built site (dist/) in headless Debian
// Chromium, served on 127.0.0.1, and fails on any request that leaves the loopback,
// any page or console error, a cell that failed, or a chart that drew no marks.
// Prints each page's load time. Screenshots go to test-results/screenshots/.
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {existsSync, mkdirSync} from "node:fs";
import {join, resolve} from "node:path";
import type {Browser} from "playwright-core";
import {serveStatic, type StaticSite} from "./static-server.js";
import {listBuiltPages} from "./pages.js";
import {launchChromium} from "./chromium.js";
import {openGuardedPage} from "./guarded-page.js";
import {inspectPage, type PageHealth} from "./page-check.js";
import {chartTimes, watchCharts} from "./chart-timing.js";
import {controlValues, lowContrastTexts, measureOverflow, unnamedCharts} from "./layout-checks.js";
import {timingVerdict} from "./timing-policy.js";
import {downloadFrom, pngSize} from "./downloads.js";
import {parquetMetadata, parquetReadObjects} from "hyparquet";

const DIST = "dist";
const SHOTS = process.env.SCREENSHOT_DIR ?? join("test-results", "screenshots");
const LOAD_TIMEOUT_MS = 60_000;

/** Pages that must show at least this many charts (the rest are checked only if they have charts). */
const MIN_CHARTS: Record<string, number> = {"/data": 7, "/": 1, "/runs": 2, "/methods": 1};
/** Pages that must show at least this many tables with rows (Inputs.table or table[data-table]). */
const MIN_TABLES: Record<string, number> = {"/runs": 2, "/methods": 7};
// The analysis pages: the charts and tables they draw whenever the study has runs, fitted or not
// (a law that cannot be fitted is a message, not a chart; its runs are still drawn).
Object.assign(MIN_CHARTS, {"/scaling": 10, "/transfer": 4, "/performance": 10, "/compute": 1, "/overfitting": 1});
Object.assign(MIN_TABLES, {"/scaling": 2, "/transfer": 1, "/performance": 2, "/compute": 1, "/overfitting": 2});
/**
 * From navigation to the first chart with marks, and to every chart of the page (each page in a
 * fresh browser context: nothing cached). Network idle is printed too, but it is not the target:
 * Playwright declares it only after 500 ms without a request, which no reader waits for.
 */
const MAX_FIRST_CHART_MS = 1_500;
const MAX_ALL_CHARTS_MS = 3_000;
/** Absolute paths of this machine that must never appear in a published page. */
const LOCAL_PATHS = [process.cwd(), resolve(process.env.ECG_DATA_DIR ?? "../shared/ecg")];

let site: StaticSite;
let browser: Browser;

before(async () => {
  assert.ok(existsSync(join(DIST, "index.html")), "dist/ has no index.html: run `npm run build` first");
  site = await serveStatic(DIST);
  browser = await launchChromium();
  mkdirSync(SHOTS, {recursive: true});
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * Waits until no cell is loading and, when given, the page shows at least `expect` charts and
 * tables (a cell can resolve a frame before the chart it feeds is drawn).
 */
async function waitForRender(page: import("playwright-core").Page, expect: {charts: number; tables: number} = {charts: 0, tables: 0}): Promise<PageHealth> {
  const deadline = Date.now() + LOAD_TIMEOUT_MS;
  for (;;) {
    const health = await page.evaluate(inspectPage);
    const drawn = health.charts.length >= expect.charts && health.tables.filter((t) => t.rows > 0).length >= expect.tables;
    // A failed cell will not draw its chart: return, and let the assertions name the failure.
    if (health.pending === 0 && (drawn || health.cellErrors.length > 0)) {
      // Charts drawn through resize() appear in a ResizeObserver callback after their cell
      // resolved: let two frames pass, then inspect what is on the page.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const settled = await page.evaluate(inspectPage);
      if (settled.pending === 0) return settled;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `not rendered after ${LOAD_TIMEOUT_MS} ms: ${health.pending} cells loading, ${health.charts.length} of ${expect.charts} charts, ` +
          `${health.tables.filter((t) => t.rows > 0).length} of ${expect.tables} tables with rows`
      );
    }
    await page.waitForTimeout(50);
  }
}

const pages = existsSync(DIST) ? listBuiltPages(DIST) : [];
test("the built site has pages", () => {
  assert.ok(pages.length > 0, `no pages found under ${DIST}/: run \`npm run build\` first`);
});

test("the offline guard records every request that would leave the loopback, and none reaches its host", async () => {
  const {context, page, outside} = await openGuardedPage(browser);
  await page.goto(site.url + (pages[0] ?? "/"), {waitUntil: "load"});
  // A host name, an IP literal and an image: each is recorded and fails, while the loopback still answers.
  const results = await page.evaluate(async () => {
    const attempt = (url: string) => fetch(url, {mode: "no-cors"}).then(() => "reached", () => "failed");
    const image = new Promise<string>((resolve) => {
      const img = new Image();
      img.onload = () => resolve("reached");
      img.onerror = () => resolve("failed");
      img.src = "http://example.org/pixel.png";
    });
    return {host: await attempt("https://cdn.jsdelivr.net/npm/d3@7/+esm"), ip: await attempt("http://10.255.255.1/x"), image: await image, loopback: await attempt(location.origin + "/")};
  });
  await context.close();
  assert.deepEqual(results, {host: "failed", ip: "failed", image: "failed", loopback: "reached"});
  assert.deepEqual(outside.sort(), ["http://10.255.255.1/x", "http://example.org/pixel.png", "https://cdn.jsdelivr.net/npm/d3@7/+esm"]);
});

for (const path of pages) {
  test(`page ${path} renders offline without errors, fast, with named charts and readable text`, async () => {
    const {context, page, outside, errors} = await openGuardedPage(browser, {viewport: {width: 1280, height: 900}});
    await watchCharts(context);

    const started = performance.now();
    await page.goto(site.url + path, {waitUntil: "load"});
    await waitForRender(page, {charts: MIN_CHARTS[path] ?? 0, tables: MIN_TABLES[path] ?? 0});
    const loadMs = performance.now() - started;
    await page.waitForLoadState("networkidle");
    const idleMs = performance.now() - started;
    // Inspect once the network is idle: charts drawn through resize() appear a frame after their cell.
    const health = await waitForRender(page);
    const drawn = health.charts.filter((c) => c.marks > 0).length;
    const times = await chartTimes(page, drawn);
    const contrast = await page.evaluate(lowContrastTexts);
    const unnamed = await page.evaluate(unnamedCharts);
    const text = await page.evaluate(() => document.body.innerText);
    const verdict = timingVerdict(times, {first: MAX_FIRST_CHART_MS, all: MAX_ALL_CHARTS_MS});
    console.log(
      `# ${path}: first chart ${times.first?.toFixed(0) ?? "none"} ms, all ${drawn} charts ${times.all?.toFixed(0) ?? "never"} ms ` +
        `(rendered in ${loadMs.toFixed(0)} ms, network idle at ${idleMs.toFixed(0)} ms), ${health.tables.length} tables; ${verdict.note}`
    );
    await page.screenshot({path: join(SHOTS, `${path === "/" ? "index" : path.slice(1).replace(/\//g, "_")}.png`), fullPage: true});
    await context.close();

    assert.deepEqual(outside, [], `requests left the loopback: ${outside.join(", ")}`);
    assert.deepEqual(errors, [], errors.join("\n"));
    assert.deepEqual(health.cellErrors, [], `cells failed: ${health.cellErrors.join("; ")}`);
    assert.ok(health.charts.length >= (MIN_CHARTS[path] ?? 0), `expected at least ${MIN_CHARTS[path]} charts, saw ${health.charts.length}`);
    for (const chart of health.charts) {
      assert.ok(chart.marks > 0, `chart "${chart.label}" drew no marks`);
      assert.deepEqual(chart.emptyMarks, [], `chart "${chart.label}" has marks that drew nothing`);
    }
    for (const table of health.tables) assert.ok(table.rows > 0, `table "${table.label}" has no rows`);
    assert.ok(health.tables.length >= (MIN_TABLES[path] ?? 0), `expected at least ${MIN_TABLES[path]} tables, saw ${health.tables.length}`);
    assert.deepEqual(unnamed, [], `charts without an accessible name (aria-label): ${unnamed.join("; ")}`);
    assert.deepEqual(contrast.failures, [], `text below WCAG AA contrast (light theme): ${JSON.stringify(contrast.failures.slice(0, 5))}`);
    for (const local of LOCAL_PATHS) assert.ok(!text.includes(local), `the page prints the local path ${local}`);
    for (const failure of verdict.failures) assert.fail(failure);
  });

  test(`page ${path} at 390 px in dark mode: no horizontal overflow, readable text`, async () => {
    const {context, page, outside, errors} = await openGuardedPage(browser, {viewport: {width: 390, height: 844}, colorScheme: "dark", isMobile: true, hasTouch: true});
    await page.goto(site.url + path, {waitUntil: "load"});
    await waitForRender(page, {charts: MIN_CHARTS[path] ?? 0, tables: MIN_TABLES[path] ?? 0});
    const overflow = await page.evaluate(measureOverflow);
    const contrast = await page.evaluate(lowContrastTexts);
    const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches && getComputedStyle(document.body).colorScheme);
    await page.screenshot({path: join(SHOTS, `${path === "/" ? "index" : path.slice(1).replace(/\//g, "_")}-phone-dark.png`)});
    await context.close();
    console.log(`# ${path} at 390 px, dark: page ${overflow.scrollWidth} px wide, ${contrast.checked} texts checked`);
    assert.equal(dark, "dark", "the page follows the dark colour scheme");
    assert.deepEqual(outside, [], `requests left the loopback: ${outside.join(", ")}`);
    assert.deepEqual(errors, [], errors.join("\n"));
    assert.ok(overflow.scrollWidth <= overflow.viewport, `the page is ${overflow.scrollWidth} px wide at ${overflow.viewport} px: ${overflow.culprits.join("; ")}`);
    assert.deepEqual(contrast.failures, [], `text below WCAG AA contrast (dark theme): ${JSON.stringify(contrast.failures.slice(0, 5))}`);
    assert.ok(contrast.checked > 10, "the contrast check found text to check");
  });
}

/** A fresh context that records requests off the loopback and page or console errors. */
async function watchedPage() {
  const {context, page, outside, errors} = await openGuardedPage(browser, {viewport: {width: 1280, height: 900}, acceptDownloads: true});
  return {context, page, outside, errors};
}

test("/runs: the SQL editor answers a query, shows a failing one's message, and tables download as CSV", {skip: !pages.includes("/runs") && "no /runs page"}, async () => {
  const {context, page, outside, errors} = await watchedPage();
  await page.goto(site.url + "/runs", {waitUntil: "load"});
  await waitForRender(page);
  const rows = page.locator('[data-testid="sql-result"] table tbody tr');
  // DuckDB starts when the editor comes into view, then the editor runs its first example.
  await page.locator('[data-testid="sql-editor"]').scrollIntoViewIfNeeded();
  await rows.first().waitFor({timeout: 30_000});

  const input = page.locator('[data-testid="sql-input"]');
  await input.fill("SELECT r.family, count(*) AS evaluations, max(c.step) AS last_step FROM runs r JOIN curves c USING (key) GROUP BY r.family ORDER BY r.family");
  await page.locator('[data-testid="sql-run"]').click();
  // The first example's result is on screen already: wait for this query's columns.
  await page.waitForFunction(() => document.querySelector('[data-testid="sql-result"] thead')?.textContent?.includes("last_step"), undefined, {timeout: 10_000});
  assert.ok((await rows.count()) > 0, "the query returned no rows");
  await page.locator('[data-testid="sql-editor"]').screenshot({path: join(SHOTS, "runs-sql.png")});

  await input.fill("SELECT no_such_column FROM runs");
  await page.locator('[data-testid="sql-run"]').click();
  const error = page.locator('[data-testid="sql-error"]');
  await error.waitFor({timeout: 10_000});
  assert.match((await error.textContent()) ?? "", /no_such_column/, "the failing query's message is shown");

  const download = page.waitForEvent("download");
  await page.locator('[data-testid="runs-csv"]').click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    let text = "";
    for await (const chunk of stream) text += chunk;
    return text;
  });
  const lines = csv.trim().split(/\r?\n/);
  assert.match(lines[0], /^key,study,family,/, "the CSV starts with the runs table's header");
  assert.ok(lines.length > 1, "the CSV has rows");

  await context.close();
  assert.deepEqual(outside, [], `requests left the loopback: ${outside.join(", ")}`);
  assert.deepEqual(errors, [], errors.join("\n"));
});

test("/: the overview states every finding with a verdict", {skip: !pages.includes("/") && "no overview page"}, async () => {
  const {context, page, outside, errors} = await watchedPage();
  await page.goto(site.url + "/", {waitUntil: "load"});
  await waitForRender(page);
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="finding"]')].map((li) => ({
      verdict: li.getAttribute("data-supported"),
      text: li.querySelector('[data-testid="finding-text"]')?.textContent ?? ""
    }))
  );
  await context.close();
  assert.ok(shown.length > 0, "no findings on the overview");
  for (const f of shown) {
    assert.ok(["true", "false", "undetermined"].includes(f.verdict ?? ""), `bad verdict ${f.verdict}`);
    assert.ok(f.text.length > 40 && !/NaN|undefined|Infinity/.test(f.text), `bad sentence: ${f.text}`);
  }
  assert.deepEqual(outside, [], `requests left the loopback: ${outside.join(", ")}`);
  assert.deepEqual(errors, [], errors.join("\n"));
});

test("/scaling: leaving a run out or fixing the floor refits the law in the page", {skip: !pages.includes("/scaling") && "no /scaling page"}, async (t) => {
  const {context, page, outside, errors} = await watchedPage();
  await page.goto(site.url + "/scaling", {waitUntil: "load"});
  await waitForRender(page);
  const alpha = page.locator('[data-testid="refit-alpha"]');
  await alpha.waitFor({timeout: 30_000});
  const status = page.locator('[data-testid="refit-status"]');
  if ((await status.getAttribute("data-status")) !== "ok") {
    // Nothing to refit (e.g. STUDY=smoke): the page says why instead of drawing a law.
    const reason = (await status.textContent()) ?? "";
    await context.close();
    assert.match(reason, /Cannot fit: \w/, "a failed refit shows its reason");
    t.skip(`the default family and dataset cannot be fitted: ${reason}`);
    return;
  }
  const before = (await alpha.textContent()) ?? "";
  const kept = page.locator('[data-testid="refit-runs"] tbody input[type="checkbox"]');
  const total = await kept.count();
  assert.ok(total > 0, "the run table lists the runs of the fit");
  // Leave out the first run: the exponent must change, the page must say one run fewer.
  await kept.first().uncheck();
  await page.waitForFunction((b) => document.querySelector('[data-testid="refit-alpha"]')?.textContent !== b, before, {timeout: 20_000});
  const after = (await alpha.textContent()) ?? "";
  console.log(`# /scaling refit: alpha ${before} -> ${after} after leaving one of ${total} runs out`);
  assert.notEqual(after, before);
  assert.ok(!/NaN|undefined/.test(after), `refitted alpha reads "${after}"`);
  // Fix the floor at 0: the two-term law, E shown as fixed.
  await page.getByLabel("Fit a floor E").uncheck();
  await page.waitForFunction(() => /fixed/.test(document.querySelector('[data-testid="refit-E"]')?.textContent ?? ""), undefined, {timeout: 20_000}).catch(() => undefined);
  const floorText = (await page.locator('[data-testid="refit-E"], [data-testid="refit-status"]').first().textContent()) ?? "";
  assert.ok(/fixed|Cannot fit/.test(floorText), `with the floor fixed the page shows "${floorText}"`);
  await page.locator('[data-testid="refit-result"]').screenshot({path: join(SHOTS, "scaling-refit.png")});
  const health = await waitForRender(page);
  await context.close();
  assert.deepEqual(health.cellErrors, [], `cells failed: ${health.cellErrors.join("; ")}`);
  assert.deepEqual(outside, [], `requests left the loopback: ${outside.join(", ")}`);
  assert.deepEqual(errors, [], errors.join("\n"));
});

test("/scaling: a figure downloads as a valid SVG with marks, a PNG of its size, and a CSV and a Parquet file of its points; the page prints without its controls", {skip: !pages.includes("/scaling") && "no /scaling page"}, async () => {
  const {context, page, outside, errors} = await watchedPage();
  await page.goto(site.url + "/scaling", {waitUntil: "load"});
  await waitForRender(page, {charts: MIN_CHARTS["/scaling"] ?? 0, tables: 0});
  const figure = page.locator("figure.report-figure").first();
  const base = (await figure.getAttribute("data-figure")) ?? "";
  assert.match(base, /^[a-z0-9-]+-scaling-[a-z0-9-]+-loss-vs-n$/, `the figure's file name says study, page, dataset and figure: "${base}"`);
  // The figure's runs as drawn: one linked dot per run.
  const shown = await figure.evaluate((f) => [...f.querySelectorAll("a")].map((a) => a.getAttribute("href") ?? a.getAttributeNS("http://www.w3.org/1999/xlink", "href") ?? "").filter((h) => h.includes("#run-")).map((h) => decodeURIComponent(h.split("#run-")[1]!)));
  assert.ok(shown.length > 0, "the figure links its runs");

  const svg = await downloadFrom(page, figure.locator('[data-testid="figure-svg"]'));
  assert.equal(svg.name, `${base}.svg`);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = doc.documentElement;
    return {error: doc.querySelector("parsererror")?.textContent ?? null, root: root.nodeName, width: Number(root.getAttribute("width")), height: Number(root.getAttribute("height")), dots: doc.querySelectorAll("g[aria-label='dot'] circle, g[aria-label='dot'] path").length, lines: doc.querySelectorAll("g[aria-label='line'] path").length};
  }, svg.bytes.toString("utf8"));
  assert.equal(parsed.error, null, "the SVG parses");
  assert.equal(parsed.root, "svg");
  assert.equal(parsed.dots, shown.length, "the SVG has every run's dot");
  assert.ok(parsed.lines > 0, "the SVG has the fitted laws' lines");

  const png = await downloadFrom(page, figure.locator('[data-testid="figure-png"]'));
  assert.equal(png.name, `${base}.png`);
  const size = pngSize(png.bytes);
  assert.deepEqual(size, {width: 2 * parsed.width, height: 2 * parsed.height}, "the PNG is the SVG drawn at twice its size");

  const csv = await downloadFrom(page, figure.locator('[data-testid="figure-csv"]'));
  assert.equal(csv.name, `${base}.csv`);
  const lines = csv.bytes.toString("utf8").trim().split(/\r?\n/);
  const header = lines[0]!.split(",");
  assert.deepEqual(header.slice(0, 3), ["key", "family", "size"]);
  const keys = lines.slice(1).map((l) => l.split(",")[header.indexOf("key")]!);
  assert.deepEqual([...keys].sort(), [...shown].sort(), "the CSV's rows are the figure's points");
  const parquet = await downloadFrom(page, figure.locator('[data-testid="figure-parquet"]'));
  assert.equal(parquet.name, `${base}.parquet`);
  const parquetFile = parquet.bytes.buffer.slice(parquet.bytes.byteOffset, parquet.bytes.byteOffset + parquet.bytes.byteLength) as ArrayBuffer;
  const parquetRows = await parquetReadObjects({file: parquetFile});
  assert.deepEqual(parquetMetadata(parquetFile).schema.slice(1).map((c) => c.name), header, "the Parquet file has the CSV's columns");
  assert.deepEqual(parquetRows.map((r) => String(r.key)).sort(), [...shown].sort(), "the Parquet file's rows are the figure's points");
  console.log(`# /scaling figure ${base}: SVG ${parsed.width}x${parsed.height} with ${parsed.dots} dots, PNG ${size.width}x${size.height}, CSV ${keys.length} rows, Parquet ${parquetRows.length} rows`);
  // Printed: no sidebar, contents, download buttons or copy-link; cards and figures are not cut across pages.
  await page.emulateMedia({media: "print"});
  const printed = await page.evaluate(() => ({
    hidden: ["#observablehq-sidebar", ".figure-actions", ".share-link"].map((sel) => [sel, [...document.querySelectorAll(sel)].every((e) => getComputedStyle(e).display === "none")]),
    unbroken: [...document.querySelectorAll(".card, figure.report-figure")].every((e) => getComputedStyle(e).breakInside === "avoid")
  }));
  await page.emulateMedia({media: "screen"});
  for (const [sel, hidden] of printed.hidden) assert.ok(hidden, `${sel} is printed`);
  assert.ok(printed.unbroken, "cards and figures may break across printed pages");
  await context.close();
  assert.deepEqual(outside, [], `requests left the loopback: ${outside.join(", ")}`);
  assert.deepEqual(errors, [], errors.join("\n"));
});

test("/scaling: a copied link opens the same view in a new browser: same controls, same refitted exponent", {skip: !pages.includes("/scaling") && "no /scaling page"}, async () => {
  const first = await openGuardedPage(browser, {viewport: {width: 1280, height: 900}});
  await first.context.grantPermissions(["clipboard-read", "clipboard-write"], {origin: site.url});
  const page = first.page;
  await page.goto(site.url + "/scaling", {waitUntil: "load"});
  await waitForRender(page, {charts: MIN_CHARTS["/scaling"] ?? 0, tables: 0});
  const control = (label: string, nth = 0) => page.locator("main form", {has: page.locator("label", {hasText: new RegExp(`^${label}$`)})}).nth(nth);
  const alpha = page.locator('[data-testid="refit-alpha"]');
  // Change every kind of control: the shown dataset, the refit's family, dataset and Huber delta, the floor, one run left out.
  await control("Dataset", 0).locator("select").selectOption({index: 1});
  await control("Family").locator("select").selectOption({index: 1});
  await control("Huber delta").locator("select").selectOption({index: 2});
  await page.getByLabel("Fit a floor E").uncheck();
  await waitForRender(page);
  const kept = page.locator('[data-testid="refit-runs"] tbody input[type="checkbox"]');
  if ((await kept.count()) > 2) await kept.nth(1).uncheck();
  await waitForRender(page);
  await page.waitForTimeout(300);
  const before = {controls: await page.evaluate(controlValues), alpha: await alpha.textContent()};
  await page.locator('[data-testid="copy-link"]').click();
  await page.locator('[data-testid="copy-link-status"]').filter({hasText: /copied|Copy this link/}).waitFor({timeout: 5_000});
  const link = await page.evaluate(() => navigator.clipboard.readText().catch(() => document.querySelector<HTMLElement>(".share-link")!.dataset.link!));
  await first.context.close();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/scaling\?/, `the copied link is this page with its controls: ${link}`);

  const second = await openGuardedPage(browser, {viewport: {width: 1280, height: 900}});
  await second.page.goto(link, {waitUntil: "load"});
  await waitForRender(second.page, {charts: MIN_CHARTS["/scaling"] ?? 0, tables: 0});
  await second.page.waitForTimeout(300);
  const after = {controls: await second.page.evaluate(controlValues), alpha: await second.page.locator('[data-testid="refit-alpha"]').textContent()};
  await second.context.close();
  console.log(`# /scaling link ${link.slice(site.url.length)}: ${before.controls.join("; ")}; α ${before.alpha}`);
  assert.ok(before.controls.some((c) => /Huber delta/.test(c)) && before.controls.some((c) => /Fit a floor E: off/.test(c)), `controls read: ${before.controls.join("; ")}`);
  assert.deepEqual(after.controls, before.controls, "the link restores every control");
  assert.equal(after.alpha, before.alpha, "the link gives the same refitted exponent");
  for (const p of [first, second]) {
    assert.deepEqual(p.outside, [], `requests left the loopback: ${p.outside.join(", ")}`);
    assert.deepEqual(p.errors, [], p.errors.join("\n"));
  }
});
