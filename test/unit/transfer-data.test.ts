// Effective data transferred (src/lib/scaling/transfer-data.ts; Hernandez et al. 2021, issue 15): from a known
// scratch curve and a known transfer law, noise-free fine-tuned losses give back D_T and (k, alpha, beta) to
// rounding; points where fine-tuning does not beat scratch, or reaches below the scratch floor, are labelled and
// left out of the fit; the least squares equal numpy's lstsq on a random design; with noise, the stratified
// bootstrap's 95 % intervals cover the true exponents.
import {test} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {analyzeTransfer, bootstrapTransferLaw, effectiveData, fitTransferLaw, leastSquares, transferPoints, type FinetunePoint} from "../../src/lib/scaling/transfer-data.js";
import {predictPowerLaw} from "../../src/lib/scaling/marginal-law.js";

const scratch = {E: 0.2, A: 3, exponent: 0.4};
const truth = {k: 40, alpha: 0.35, beta: 0.25};
const Ns = [1e4, 3e4, 1e5];
const DFs = [30, 100, 300, 1000];
const finetuned = (noise: (i: number) => number = () => 0): FinetunePoint[] =>
  Ns.flatMap((N) => DFs.map((DF) => ({N, DF}))).map(({N, DF}, i) => ({N, DF, L: predictPowerLaw(scratch, DF + truth.k * DF ** truth.alpha * N ** truth.beta) * Math.exp(noise(i))}));

test("noise-free losses give back D_T and the transfer law", () => {
  const points = transferPoints(scratch, finetuned());
  assert.ok(points.every((p) => p.status === "transfer"));
  for (const p of points) assert.ok(Math.abs(p.DT! / (truth.k * p.DF ** truth.alpha * p.N ** truth.beta) - 1) < 1e-9);
  const law = fitTransferLaw(points);
  assert.ok(law.ok);
  if (!law.ok) return;
  assert.ok(Math.abs(law.alpha - truth.alpha) < 1e-9 && Math.abs(law.beta - truth.beta) < 1e-9 && Math.abs(law.k / truth.k - 1) < 1e-8, JSON.stringify(law));
  assert.ok(law.r2Log > 0.999999);
});

test("no gain and beyond the floor are labelled and left out", () => {
  assert.equal(effectiveData(scratch, 0.2), null, "at the floor no amount of scratch data suffices");
  const worse = {N: 1e4, DF: 100, L: predictPowerLaw(scratch, 80)}; // fine-tuned worse than 100 scratch records
  const below = {N: 1e5, DF: 100, L: 0.19};
  const points = transferPoints(scratch, [...finetuned(), worse, below]);
  assert.equal(points.at(-2)!.status, "no-gain");
  assert.ok(points.at(-2)!.DT! < 0);
  assert.equal(points.at(-1)!.status, "beyond-floor");
  const law = fitTransferLaw(points);
  assert.ok(law.ok && law.n === 12);
  assert.equal(fitTransferLaw(points.filter((p) => p.N === 1e4)).ok, false, "one model size cannot give beta");
});

test("least squares equal numpy's lstsq", {skip: spawnSync("python3", ["-c", "import numpy"]).status !== 0 && "python3 with numpy is not available"}, () => {
  const n = 25;
  const X = Array.from({length: n * 3}, (_, i) => (i % 3 === 0 ? 1 : Math.sin(i * 1.7) * 3 + (i % 3)));
  const y = Array.from({length: n}, (_, i) => Math.cos(i * 0.9) + 0.1 * i);
  const ours = leastSquares(X, y, 3)!;
  const py = spawnSync("python3", ["-c", `import json,sys,numpy as np; d=json.load(sys.stdin); X=np.array(d["X"]).reshape(-1,3); print(json.dumps(np.linalg.lstsq(X, np.array(d["y"]), rcond=None)[0].tolist()))`], {input: JSON.stringify({X, y}), encoding: "utf8"});
  assert.equal(py.status, 0, py.stderr);
  const ref = JSON.parse(py.stdout) as number[];
  ref.forEach((v, i) => assert.ok(Math.abs(ours[i]! - v) < 1e-9 * Math.max(1, Math.abs(v)), `coefficient ${i}: ${ours[i]} vs numpy ${v}`));
});

test("with noise, the stratified bootstrap's intervals cover the true exponents", (t) => {
  // 2 % multiplicative noise on every loss, scratch curve measured at 8 data sizes.
  const noise = (i: number) => 0.02 * Math.sin(i * 12.9898 + 4.1);
  const scratchD = [30, 60, 100, 200, 300, 600, 1000, 3000];
  const scratchL = scratchD.map((D, i) => predictPowerLaw(scratch, D) * Math.exp(0.02 * Math.cos(i * 7.3)));
  const fitted = analyzeTransfer(scratchD, scratchL, finetuned(noise));
  assert.ok(fitted.ok && fitted.law.ok);
  if (!fitted.ok || !fitted.law.ok) return;
  const boot = bootstrapTransferLaw(scratchD, scratchL, finetuned(noise), fitted.law, {resamples: 300, seed: 3});
  const {alpha, beta} = boot.intervals;
  t.diagnostic(`alpha ${fitted.law.alpha.toFixed(3)} [${alpha.lo.toFixed(3)}, ${alpha.hi.toFixed(3)}] (true ${truth.alpha}), beta ${fitted.law.beta.toFixed(3)} [${beta.lo.toFixed(3)}, ${beta.hi.toFixed(3)}] (true ${truth.beta}); ${boot.used} of ${boot.resamples} resamples used`);
  assert.ok(boot.used > 0.8 * boot.resamples);
  assert.ok(alpha.lo <= truth.alpha && truth.alpha <= alpha.hi);
  assert.ok(beta.lo <= truth.beta && truth.beta <= beta.hi);
});
