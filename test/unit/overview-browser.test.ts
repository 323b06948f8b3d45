// The Overview page (src/index.md, as it is) rendered on a fabricated small study: a
// throw-away Framework site with the page, its modules and fabricated runs, fits and
// transfer tables, built offline and opened in Debian's Chromium. Its glance numbers and
// its findings must follow the fabricated tables (and flip when the study is flipped),
// with nothing requested off the loopback and no console error. About 30 s (two builds).
import {test} from "node:test";
import assert from "node:assert/strict";
import {existsSync, readdirSync} from "node:fs";
import {join, relative} from "node:path";
import {toParquet} from "../../data-loaders/parquet.js";
import {runsParquet} from "../../data-loaders/runs/tables.js";
import {rectangular} from "../../data-loaders/analysis/analyse-study.js";
import {findings} from "../../src/lib/study/findings.js";
import {createTempSite, REPO, type TempSite} from "./helpers/temp-site.js";
import {paperLike, OOD} from "./helpers/fabricated-study.js";
import {serveStatic} from "../browser/static-server.js";
import {launchChromium, CHROMIUM_PATH} from "../browser/chromium.js";
import {inspectPage} from "../browser/page-check.js";
import {openGuardedPage} from "../browser/guarded-page.js";

const READY_TIMEOUT_MS = 30_000;

const filesUnder = (dir: string): string[] =>
  readdirSync(join(REPO, dir), {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []
  );

/** What environment.json holds that the Overview reads. */
function environment(runs: number) {
  return {
    study: {name: "fabricated", description: "A fabricated study for the overview test.", families: ["resnet-sl", "resnet-ssl", "transformer-sl", "transformer-ssl"], planned: runs, stored: runs, missing: 0, steps: 100, batch: 16},
    commands: {sweep: "npm run sweep -- --study fabricated"},
    analysis: {level: 0.9, resamples: 123, significance: 0.05}
  };
}

function writeStudy(site: TempSite, flip: boolean) {
  const {fits, transfer, runs} = paperLike(flip);
  site.write("data/runs.parquet", runsParquet(runs, OOD));
  site.write("data/fits.parquet", toParquet(rectangular(fits as never)));
  site.write("data/transfer.parquet", toParquet(rectangular(transfer as never)));
  site.write("data/environment.json", JSON.stringify(environment(runs.length)));
  return findings(fits, transfer, runs);
}

interface Shown {
  findings: {id: string; supported: string; text: string}[];
  glance: string;
  body: string;
  chartMarks: number;
}

async function render(url: string): Promise<{shown: Shown; outside: string[]; errors: string[]; cellErrors: string[]}> {
  const browser = await launchChromium();
  try {
    const {context, page, outside, errors} = await openGuardedPage(browser);
    const started = performance.now();
    await page.goto(url, {waitUntil: "load"});
    let health = await page.evaluate(inspectPage);
    while ((health.pending > 0 || health.charts.length === 0) && errors.length === 0 && health.cellErrors.length === 0) {
      assert.ok(performance.now() - started < READY_TIMEOUT_MS, `the overview did not render within ${READY_TIMEOUT_MS} ms`);
      await page.waitForTimeout(100);
      health = await page.evaluate(inspectPage);
    }
    const shown = await page.evaluate(() => ({
      findings: [...document.querySelectorAll('[data-testid="finding"]')].map((li) => ({
        id: li.getAttribute("data-finding") ?? "",
        supported: li.getAttribute("data-supported") ?? "",
        text: li.querySelector('[data-testid="finding-text"]')?.textContent ?? ""
      })),
      glance: document.querySelector('[data-testid="glance"]')?.textContent?.replace(/\s+/g, " ") ?? "",
      body: document.querySelector("main")?.textContent?.replace(/\s+/g, " ") ?? "",
      chartMarks: 0
    }));
    shown.chartMarks = health.charts.reduce((n, c) => n + c.marks, 0);
    return {shown, outside, errors, cellErrors: health.cellErrors};
  } finally {
    await browser.close();
  }
}

test(
  "the Overview renders a fabricated study's findings as findings() decides them, and flips with the study",
  {skip: !existsSync(CHROMIUM_PATH) && `no Chromium at ${CHROMIUM_PATH} (node scripts/ensure-system-deps.mjs installs it)`, timeout: 240_000},
  async (t) => {
    const site = createTempSite("ecg-overview-");
    t.after(() => (process.env.KEEP_TEMP_SITE ? console.log(`# kept ${site.dir}`) : site.remove()));
    site.copy("src/index.md", "index.md");
    for (const file of [...filesUnder("src/lib"), ...filesUnder("src/components")]) site.copy(file, relative("src", file));
    site.write("data/ecg-summary.json", JSON.stringify({dataDir: "/fabricated", files: 0, wfdb: 0, hdf5: 0}));

    for (const flip of [false, true]) {
      const expected = writeStudy(site, flip);
      const {ms} = await site.build();
      const server = await serveStatic(site.dist);
      try {
        const {shown, outside, errors, cellErrors} = await render(`${server.url}/`);
        console.log(`# ${flip ? "flipped" : "paper-like"} study: built in ${(ms / 1000).toFixed(1)} s, ${shown.findings.length} findings shown`);
        assert.deepEqual(outside, [], `requests left the loopback: ${outside.join(", ")}`);
        assert.deepEqual(errors, [], errors.join("\n"));
        assert.deepEqual(cellErrors, [], `cells failed: ${cellErrors.join("; ")}`);
        assert.ok(shown.chartMarks > 0, "the study grid drew its runs");

        // The page shows exactly what findings() says about these tables.
        assert.deepEqual(shown.findings, expected.map((f) => ({id: f.id, supported: String(f.supported), text: f.text})));
        // ... and that is what the fabricated numbers imply.
        const sl = shown.findings.find((f) => f.id === "id-sl-data-bottleneck")!;
        const alpha = shown.findings.find((f) => f.id === "ood-resnet-alpha")!;
        if (!flip) {
          assert.equal(sl.supported, "true");
          assert.ok(sl.text.includes("α = 0.61 [0.52, 0.7]") && sl.text.includes("β = 0.14 [0.1, 0.18]"), sl.text);
          assert.ok(alpha.text.includes("ResNet-SL's mean α (0.57) is larger than Transformer-SL's (0.28)"), alpha.text);
          assert.ok(shown.findings.every((f) => f.supported === "true"), "the paper-like study supports every finding");
        } else {
          assert.equal(sl.supported, "false");
          assert.ok(sl.text.includes("β = 0.61 [0.52, 0.7]") && sl.text.includes("model size, not data, is its bottleneck"), sl.text);
          assert.ok(alpha.text.includes("is smaller than Transformer-SL's (0.52)"), alpha.text);
          // Exponents stay positive in the flipped study: only the comparisons turn round.
          const unchanged = new Set(["id-ssl-both", "ood-positive"]);
          for (const f of shown.findings) assert.equal(f.supported, unchanged.has(f.id) ? "true" : "false", `${f.id}: ${f.text}`);
        }
        // The prose takes the interval level and resample count from environment.json.
        assert.match(shown.body, /the central 90% of 123 resamples/);
        // The glance counts the fabricated runs and their model sizes.
        assert.match(shown.glance, /Runs 72 of study fabricated \(72 planned\)/);
        assert.match(shown.glance, /Families 4 /);
        assert.match(shown.glance, /1K–3K backbone parameters N; D from 100 to 1,600 pre-training records \(3 sizes\)/);
      } finally {
        await server.close();
      }
    }
  }
);
