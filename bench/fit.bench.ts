// Scaling-law fitting speed, for 64 points (an 8 x 8 grid of N x D with 2% noise):
//   1. one joint fit (the first call, with a cold JIT, and the median of 20 warm calls);
//   2. 1,000 bootstrap refits;
//   3. a "browser-like" refit: the library bundled by esbuild for the browser platform (which
//      proves it has no Node-only imports), loaded into a fresh headless Chromium page and run on
//      the page's single main thread, the way an Observable page refits while a reader drags a
//      slider. First (cold) and median warm refit are reported. Without Chromium, the bundle runs
//      in a fresh worker_threads Worker instead (one thread, fresh isolate and JIT) and says so.
// Targets: one joint fit < 50 ms; 1,000 refits well under a few seconds.
// Usage: npm run bench:fit
import {existsSync} from "node:fs";
import {Worker} from "node:worker_threads";
import {fileURLToPath} from "node:url";
import {build} from "esbuild";
import {bootstrapJointLaw, createRng, fitJointLaw, predictJointLaw, type LossPoint} from "../src/lib/scaling/index.js";

const N = [5e3, 1e4, 2e4, 4e4, 6e4, 9e4, 1.4e5, 2e5];
const D = [500, 900, 1600, 3000, 5500, 1e4, 1.8e4, 3e4];
const truth = {E: 0.3, A: 40, alpha: 0.35, B: 12, beta: 0.3};
const rng = createRng(2026);
const points: LossPoint[] = N.flatMap((n) => D.map((d) => ({N: n, D: d, L: predictJointLaw(truth, n, d) * Math.exp(0.02 * rng.normal())})));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

// 1. One joint fit.
let t0 = performance.now();
const fit = fitJointLaw(points);
const cold = performance.now() - t0;
if (!fit.ok) throw new Error(`bench fit failed: ${fit.message}`);
const warm: number[] = [];
for (let i = 0; i < 20; i++) {
  t0 = performance.now();
  fitJointLaw(points);
  warm.push(performance.now() - t0);
}
console.log(`joint fit, 64 points:       ${ms(median(warm))} (first call ${ms(cold)}; ${fit.convergence.starts} starts, ${fit.convergence.evaluations} evaluations, converged ${fit.convergence.converged})`);

// 2. 1,000 bootstrap refits.
t0 = performance.now();
const boot = bootstrapJointLaw(points, fit, {resamples: 1000, seed: 1});
const bootMs = performance.now() - t0;
if (!boot.ok) throw new Error("bench bootstrap failed");
const iv = boot.intervals;
console.log(
  `1,000 bootstrap refits:     ${ms(bootMs)} (${(bootMs / 1000).toFixed(2)} ms each; ${boot.failed} failed; ` +
    `alpha ${iv.alpha.estimate.toFixed(3)} [${iv.alpha.lo.toFixed(3)}, ${iv.alpha.hi.toFixed(3)}], ` +
    `beta ${iv.beta.estimate.toFixed(3)} [${iv.beta.lo.toFixed(3)}, ${iv.beta.hi.toFixed(3)}])`
);
// The bootstrap's own error: how far the interval ends would move with another 1,000 resamples.
console.log(
  `  Monte-Carlo error of the ends (order statistics): alpha ±${boot.mc.alpha.lo.toFixed(4)} / ±${boot.mc.alpha.hi.toFixed(4)}, ` +
    `beta ±${boot.mc.beta.lo.toFixed(4)} / ±${boot.mc.beta.hi.toFixed(4)}; ${boot.degenerate} degenerate resamples, ${boot.failed - boot.degenerate} refits not converged`
);

// 3. Browser-like refit.
const bundle = await build({
  entryPoints: [fileURLToPath(new URL("../src/lib/scaling/index.ts", import.meta.url))],
  bundle: true,
  platform: "browser",
  format: "iife",
  globalName: "scaling",
  write: false,
  logLevel: "silent"
});
const code = bundle.outputFiles[0]!.text;
console.log(`browser bundle:             ${(code.length / 1024).toFixed(1)} kB (esbuild, platform=browser)`);

// Runs inside the page or the worker: cold first fit, then the median of 20 warm ones.
const probe = `(() => {
  const pts = ${JSON.stringify(points)};
  let t = performance.now();
  const f = scaling.fitJointLaw(pts);
  const cold = performance.now() - t;
  const warm = [];
  for (let i = 0; i < 20; i++) { t = performance.now(); scaling.fitJointLaw(pts); warm.push(performance.now() - t); }
  warm.sort((a, b) => a - b);
  return {ok: f.ok, cold, warm: warm[10]};
})()`;

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let browserResult: {ok: boolean; cold: number; warm: number} | null = null;
let where = "";
if (existsSync(chromiumPath)) {
  const {launchChromium} = await import("../test/browser/chromium.js");
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><title>fit bench</title>");
    await page.addScriptTag({content: code});
    browserResult = await page.evaluate(probe);
    where = "headless Chromium, page main thread";
  } finally {
    await browser.close();
  }
} else {
  browserResult = await new Promise((resolve, reject) => {
    const worker = new Worker(`${code}\nrequire("node:worker_threads").parentPort.postMessage(${probe});`, {eval: true});
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  where = "fresh worker thread (no Chromium found)";
}
console.log(`browser-like refit:         ${ms(browserResult!.warm)} (first call ${ms(browserResult!.cold)}; ${where}; ok ${browserResult!.ok})`);
