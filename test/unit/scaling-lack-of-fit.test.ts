// Distribution functions (against tabulated values), the lack-of-fit test on replicated and
// unreplicated designs, and the bootstrap's failure counts and Monte-Carlo error.
import {test} from "node:test";
import assert from "node:assert/strict";
import {
  binomialUpper,
  bootstrapJointLaw,
  chiSquareUpper,
  clopperPearson,
  createRng,
  fitJointLaw,
  fUpper,
  holmAdjust,
  lackOfFit,
  normalCdf,
  predictJointLaw,
  quantileMcError,
  type LackOfFitPoint
} from "../../src/lib/scaling/index.js";
import {lawPoints, TRUTH} from "./scaling-helpers.js";

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) < tol, `${what}: ${a} vs ${b}`);

test("distribution functions match tabulated values", () => {
  close(normalCdf(1.959964), 0.975, 1e-6, "Phi(1.96)");
  close(normalCdf(-1), 0.158655, 1e-6, "Phi(-1)");
  close(chiSquareUpper(3.841459, 1), 0.05, 1e-6, "chi2(1) 95%");
  close(chiSquareUpper(18.307038, 10), 0.05, 1e-6, "chi2(10) 95%");
  close(fUpper(3.325835, 5, 10), 0.05, 1e-5, "F(5, 10) 95%");
  close(fUpper(2.347878, 10, 20), 0.05, 1e-5, "F(10, 20) 95%");
  close(binomialUpper(8, 10, 0.5), 56 / 1024, 1e-12, "P(X >= 8), n = 10");
  close(clopperPearson(16, 16).lo, 0.025 ** (1 / 16), 1e-9, "CP lower end of 16 / 16");
  const cp = clopperPearson(3, 10);
  close(cp.lo, 0.066739, 1e-5, "CP(3, 10) lo");
  close(cp.hi, 0.652453, 1e-5, "CP(3, 10) hi");
  assert.deepEqual(holmAdjust([0.01, 0.04, 0.03, NaN]).map((x) => (Number.isNaN(x) ? x : Number(x.toFixed(6)))), [0.03, 0.06, 0.06, NaN]);
});

function replicated(truth = TRUTH, sigma = 0.03, seeds = 2, seed = 1, wrong = false): LackOfFitPoint[] {
  const rng = createRng(seed);
  const points: LackOfFitPoint[] = [];
  for (const N of [5e3, 2e4, 8e4, 3e5]) {
    for (const D of [500, 2000, 8000, 32000]) {
      // "wrong": a bump the law cannot follow (a cell effect shared by the seeds of a cell).
      const bump = wrong ? Math.exp(0.08 * Math.sin(Math.log(N) * 3 + Math.log(D) * 2)) : 1;
      for (let s = 0; s < seeds; s++) points.push({N, D, L: predictJointLaw(truth, N, D) * bump * Math.exp(sigma * rng.normal())});
    }
  }
  return points;
}

test("lack of fit with replicates: the F test is calibrated when the law holds and rejects a law that misses", () => {
  let rejections = 0;
  const trials = 40;
  for (let t = 0; t < trials; t++) {
    const points = replicated(TRUTH, 0.03, 2, 100 + t);
    const fit = fitJointLaw(points);
    assert.ok(fit.ok);
    const lof = lackOfFit(points, points.map((p) => predictJointLaw(fit.params, p.N, p.D)), 5);
    assert.equal(lof.method, "replicates-F");
    assert.equal(lof.replicatedCells, 16);
    assert.equal(lof.df1, 11);
    assert.equal(lof.df2, 16);
    if (lof.p! < 0.05) rejections++;
  }
  // 40 trials at level 0.05: at most 6 rejections unless the test is miscalibrated (P(X >= 7) < 0.01).
  assert.ok(rejections <= 6, `${rejections} of ${trials} rejections of a law that holds`);
  const wrong = replicated(TRUTH, 0.01, 2, 7, true);
  const fit = fitJointLaw(wrong);
  assert.ok(fit.ok);
  const lof = lackOfFit(wrong, wrong.map((p) => predictJointLaw(fit.params, p.N, p.D)), 5);
  assert.ok(lof.p! < 1e-3, `lack-of-fit p ${lof.p}`);
  close(lof.replicateSd!, 0.01, 0.005, "pooled replicate SD of log L");
  assert.ok(lof.residualSd! > 2 * lof.replicateSd!);
});

test("lack of fit without replicates: chi-square against the evaluation standard errors, or no test", () => {
  const points: LackOfFitPoint[] = lawPoints(TRUTH, 0.02, 5).map((p) => ({...p, se: 0.02 * p.L}));
  const fit = fitJointLaw(points);
  assert.ok(fit.ok);
  const predicted = points.map((p) => predictJointLaw(fit.params, p.N, p.D));
  const lof = lackOfFit(points, predicted, 5);
  assert.equal(lof.method, "evaluation-se-chi2");
  assert.equal(lof.replicateSd, null);
  assert.ok(lof.p! > 0.01, `noise as stated: p ${lof.p}`);
  close(lof.evaluationSd!, 0.02, 1e-12, "relative evaluation SE");
  const tooSmall = lackOfFit(points.map((p) => ({...p, se: 0.002 * p.L})), predicted, 5);
  assert.ok(tooSmall.p! < 1e-6, "residuals ten times the stated noise");
  const none = lackOfFit(points.map((p) => ({N: p.N, D: p.D, L: p.L})), predicted, 5);
  assert.equal(none.method, "none");
  assert.equal(none.p, null);
  assert.ok(none.residualSd! > 0);
});

test("bootstrap: failed refits are counted, draws keep their resample index, interval ends carry a Monte-Carlo error", () => {
  const points = lawPoints(TRUTH, 0.03, 11, [5e3, 2e4, 8e4], [500, 2000, 8000]);
  const fit = fitJointLaw(points);
  assert.ok(fit.ok);
  const boot = bootstrapJointLaw(points, fit, {resamples: 200, seed: 2});
  assert.ok(boot.ok);
  assert.equal(boot.resamples, 200);
  assert.equal(boot.used + boot.failed, 200);
  assert.ok(boot.degenerate > 0 && boot.degenerate <= boot.failed, `3 x 3 grid: some resamples miss a size (${boot.degenerate})`);
  assert.equal(boot.draws.alpha.length, 200);
  assert.equal([...boot.draws.alpha].filter(Number.isFinite).length, boot.used);
  const mc = boot.mc.alpha;
  assert.ok(mc.lo > 0 && mc.hi > 0 && mc.hi < boot.intervals.alpha.hi - boot.intervals.alpha.lo);
  // The order-statistic error shrinks like one over the square root of the resamples.
  const rng = createRng(5);
  const draw = (B: number) => Float64Array.from({length: B}, () => rng.normal()).sort();
  const e400 = quantileMcError(draw(400), 0.025);
  const e6400 = quantileMcError(draw(6400), 0.025);
  assert.ok(e400 / e6400 > 2.5 && e400 / e6400 < 6, `MC error ratio ${e400 / e6400} (expected about 4)`);
});
