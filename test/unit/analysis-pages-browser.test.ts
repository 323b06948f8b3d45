// The Scaling and Transfer pages (src/scaling.md, src/transfer.md, as they are) rendered on a
// fabricated study with two seeds per cell, analysed by the loaders' own functions: a
// throw-away Framework site built offline and opened in Debian's Chromium. Every cell must
// run, the fit-quality words (lack of fit against the seed-to-seed spread, failed refits,
// unbounded interval ends) and the transfer laws' dropped runs must be on the page, and
// nothing may be requested off the loopback. About 40 s (one build, two pages).
import {test} from "node:test";
import assert from "node:assert/strict";
import {existsSync, readdirSync} from "node:fs";
import {join, relative} from "node:path";
import {toParquet} from "../../data-loaders/parquet.js";
import {curvesParquet, runsParquet} from "../../data-loaders/runs/tables.js";
import {rectangular} from "../../data-loaders/analysis/analyse-study.js";
import {createTempSite, REPO} from "./helpers/temp-site.js";
import {analysis, fabricatedCurves, fabricatedRuns, lawFormRows, OOD} from "./helpers/study-tables.js";
import {serveStatic} from "../browser/static-server.js";
import {launchChromium, CHROMIUM_PATH} from "../browser/chromium.js";
import {inspectPage} from "../browser/page-check.js";
import {openGuardedPage} from "../browser/guarded-page.js";

const READY_TIMEOUT_MS = 45_000;

const filesUnder = (dir: string): string[] =>
  readdirSync(join(REPO, dir), {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []
  );

test(
  "the Scaling and Transfer pages show lack of fit, seed spread, failed refits and dropped runs from the tables",
  {skip: !existsSync(CHROMIUM_PATH) && `no Chromium at ${CHROMIUM_PATH} (node scripts/ensure-system-deps.mjs installs it)`, timeout: 300_000},
  async (t) => {
    const site = createTempSite("ecg-analysis-pages-");
    t.after(() => (process.env.KEEP_TEMP_SITE ? console.log(`# kept ${site.dir}`) : site.remove()));
    site.copy("src/scaling.md", "scaling.md");
    site.copy("src/transfer.md", "transfer.md");
    for (const file of [...filesUnder("src/lib"), ...filesUnder("src/components")]) site.copy(file, relative("src", file));
    // Two seeds per cell: the second seed's losses 1% apart, so the fits have replicates.
    const first = fabricatedRuns();
    const runs = [...first, ...first.map((r, i) => ({...r, key: `${r.key}-s1`, seed: 1, best_id_loss: r.best_id_loss * (1 + 0.01 * Math.cos(i * 2.1))}))];
    const tables = analysis(runs, [...new Set(runs.map((r) => r.family))], 30);
    site.write("data/runs.parquet", runsParquet(runs, OOD));
    site.write("data/curves.parquet", curvesParquet(fabricatedCurves(runs), OOD));
    site.write("data/fits.parquet", toParquet(rectangular(tables.fits)));
    site.write("data/transfer.parquet", toParquet(rectangular(tables.transfer)));
    site.write("data/law-forms.parquet", toParquet(rectangular(lawFormRows(runs, [...new Set(runs.map((r) => r.family))]))));
    const {ms} = await site.build();
    const server = await serveStatic(site.dist);
    const browser = await launchChromium();
    try {
      for (const page of ["scaling", "transfer"]) {
        const {page: tab, outside, errors} = await openGuardedPage(browser);
        const started = performance.now();
        await tab.goto(`${server.url}/${page}`, {waitUntil: "load"});
        let health = await tab.evaluate(inspectPage);
        while ((health.pending > 0 || health.charts.length === 0) && errors.length === 0 && health.cellErrors.length === 0) {
          assert.ok(performance.now() - started < READY_TIMEOUT_MS, `${page} did not render within ${READY_TIMEOUT_MS} ms`);
          await tab.waitForTimeout(100);
          health = await tab.evaluate(inspectPage);
        }
        const body = await tab.evaluate(() => document.querySelector("main")?.textContent?.replace(/\s+/g, " ") ?? "");
        console.log(`# ${page}: built in ${(ms / 1000).toFixed(1)} s, rendered in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        assert.deepEqual(outside, [], `requests left the loopback: ${outside.join(", ")}`);
        assert.deepEqual(errors, [], errors.join("\n"));
        assert.deepEqual(health.cellErrors, [], `cells failed: ${health.cellErrors.join("; ")}`);
        if (page === "scaling") {
          assert.match(body, /lack-of-fit p = /);
          assert.match(body, /between seeds \(9 replicated cells\)/);
          assert.match(body, /F test on the replicated cells/);
          assert.match(body, /30 resamples, \d+ refits failed/);
          assert.match(body, /could be tested/);
          assert.match(body, /median leave-one-out errors? of/);
          assert.match(body, /Kaplan interaction/);
        } else {
          assert.match(body, /refits both floors on each resample/);
          assert.match(body, /no run dropped|runs dropped/);
          assert.match(body, /30 resamples, \d+ refits failed/);
        }
        await tab.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }
);
