// Calibration of the transfer-law intervals (src/lib/scaling/transfer-data.ts): studies simulated from a known
// scratch curve and transfer law, shaped like the transfer fine-tuning study (3 model sizes x 4 downstream fractions,
// scratch curve at the same 4 data sizes plus 4 more), with multiplicative loss noise at the level measured on this
// project's probes (default 2 %); each fitted and bootstrapped; prints how often the 95 % interval of alpha and of
// beta covers the truth, with a Clopper-Pearson interval on that rate, and the median interval width.
//
// Usage: npm run bench:transfer-law -- [--studies 100] [--resamples 200] [--noise 0.02] [--seed 1]
import {parseArgs} from "node:util";
import {analyzeTransfer, bootstrapTransferLaw, clopperPearson, createRng, predictPowerLaw, type FinetunePoint} from "../src/lib/scaling/index.js";

const {values} = parseArgs({options: {studies: {type: "string", default: "100"}, resamples: {type: "string", default: "200"}, noise: {type: "string", default: "0.02"}, seed: {type: "string", default: "1"}}});
const studies = Number(values.studies);
const resamples = Number(values.resamples);
const noise = Number(values.noise);
const rng = createRng(Number(values.seed));
const normal = () => rng.normal();

const scratch = {E: 0.2, A: 3, exponent: 0.4};
const truth = {k: 40, alpha: 0.35, beta: 0.25};
const Ns = [9.5e3, 2.5e4, 7.5e4];
const DFs = [30, 100, 300, 1000];
const scratchD = [30, 60, 100, 200, 300, 600, 1000, 2000];

const started = performance.now();
let fitted = 0;
const cover = {alpha: 0, beta: 0};
const widths = {alpha: [] as number[], beta: [] as number[]};
for (let s = 0; s < studies; s++) {
  const scratchL = scratchD.map((D) => predictPowerLaw(scratch, D) * Math.exp(noise * normal()));
  const points: FinetunePoint[] = Ns.flatMap((N) => DFs.map((DF) => ({N, DF, L: predictPowerLaw(scratch, DF + truth.k * DF ** truth.alpha * N ** truth.beta) * Math.exp(noise * normal())})));
  const a = analyzeTransfer(scratchD, scratchL, points);
  if (!a.ok || !a.law.ok) continue;
  fitted++;
  const b = bootstrapTransferLaw(scratchD, scratchL, points, a.law, {resamples, seed: s + 1});
  for (const key of ["alpha", "beta"] as const) {
    const i = b.intervals[key];
    if (i.lo <= truth[key] && truth[key] <= i.hi) cover[key]++;
    widths[key].push(i.hi - i.lo);
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;
console.log(`transfer-law intervals: ${studies} simulated studies (${fitted} fitted), ${resamples} resamples each, ${(100 * noise).toFixed(1)} % loss noise; ${((performance.now() - started) / 1000).toFixed(1)} s`);
for (const key of ["alpha", "beta"] as const) {
  const ci = clopperPearson(cover[key], fitted);
  console.log(`  ${key}: 95 % interval covers the truth in ${cover[key]}/${fitted} = ${((100 * cover[key]) / fitted).toFixed(1)} % [95 % CI ${(100 * ci.lo).toFixed(1)}-${(100 * ci.hi).toFixed(1)} %]; median width ${median(widths[key]).toFixed(3)} (true ${truth[key]})`);
}
