// The Kaplan form with an N-D interaction (kaplan-law.ts), the above-chance restriction and the
// leave-one-out comparison of forms (law-selection.ts).
import {test} from "node:test";
import assert from "node:assert/strict";
import {
  aboveChance,
  assessLawForm,
  createRng,
  fitKaplanLaw,
  fitLawForm,
  leaveOneOut,
  predictKaplanLaw,
  type ChancePoint,
  type KaplanLawParams,
  type LossPoint
} from "../../src/lib/scaling/index.js";
import {lawPoints, relErr, STUDY_D, STUDY_N, TRUTH} from "./scaling-helpers.js";

/** A Kaplan law with a strong interaction over the study grid: at small N more data barely helps. */
const KAPLAN: KaplanLawParams = {E: 0.1, Nc: 2e4, alphaN: 0.5, Dc: 2e3, alphaD: 0.6};

function kaplanPoints(truth: KaplanLawParams, sigma: number, seed: number): LossPoint[] {
  const rng = createRng(seed);
  const points: LossPoint[] = [];
  for (const N of STUDY_N) for (const D of STUDY_D) points.push({N, D, L: predictKaplanLaw(truth, N, D) * Math.exp(sigma * rng.normal())});
  return points;
}

test("the Kaplan form matches Kaplan et al. (2020) Eq. 1.5 and its limits", () => {
  const lm = {E: 0, Nc: 8.8e13, alphaN: 0.076, Dc: 5.4e13, alphaD: 0.095};
  const N = 1.75e11;
  const D = 3e11;
  const direct = ((lm.Nc / N) ** (lm.alphaN / lm.alphaD) + lm.Dc / D) ** lm.alphaD;
  assert.ok(Math.abs(predictKaplanLaw(lm, N, D) - direct) < 1e-12);
  // D -> infinity: (Nc / N)^alphaN; N -> infinity: (Dc / D)^alphaD.
  assert.ok(relErr(predictKaplanLaw(lm, N, 1e40), (lm.Nc / N) ** lm.alphaN) < 1e-9);
  assert.ok(relErr(predictKaplanLaw(lm, 1e40, D), (lm.Dc / D) ** lm.alphaD) < 1e-9);
});

test("the Kaplan fit recovers known parameters from noisy data generated from it (with and without a floor)", () => {
  for (const [truth, floor] of [[KAPLAN, true], [{...KAPLAN, E: 0}, false]] as const) {
    const fit = fitKaplanLaw(kaplanPoints(truth, 0.01, 7), {floor});
    assert.ok(fit.ok, fit.ok ? "" : fit.message);
    assert.ok(fit.convergence.converged && fit.convergence.verifiedByRestart);
    assert.equal(fit.parameters, floor ? 5 : 4);
    assert.ok(relErr(fit.params.alphaN, truth.alphaN) < 0.1, `alphaN ${fit.params.alphaN}`);
    assert.ok(relErr(fit.params.alphaD, truth.alphaD) < 0.1, `alphaD ${fit.params.alphaD}`);
    assert.ok(relErr(fit.params.Nc, truth.Nc) < 0.3, `Nc ${fit.params.Nc}`);
    assert.ok(relErr(fit.params.Dc, truth.Dc) < 0.3, `Dc ${fit.params.Dc}`);
    if (floor) assert.ok(relErr(fit.params.E, truth.E) < 0.15, `E ${fit.params.E}`);
    else assert.equal(fit.params.E, 0);
    assert.ok(fit.r2Log > 0.99);
  }
});

test("leave-one-out selects the form the data were generated from", () => {
  // Data from the additive law: the additive form predicts held-out runs better; data from the
  // Kaplan law: the Kaplan form does. 2 % noise, as the study's seed spread.
  const fromJoint = lawPoints(TRUTH, 0.02, 11);
  const fromKaplan = kaplanPoints(KAPLAN, 0.02, 11);
  const loo = (form: "joint" | "kaplan", points: LossPoint[]) => leaveOneOut(form, points).rmsLog!;
  const jj = loo("joint", fromJoint);
  const jk = loo("kaplan", fromJoint);
  const kj = loo("joint", fromKaplan);
  const kk = loo("kaplan", fromKaplan);
  assert.ok(jj < jk, `additive data: joint ${jj} vs Kaplan ${jk}`);
  assert.ok(kk < kj, `Kaplan data: Kaplan ${kk} vs joint ${kj}`);
  // The true form's error is near the noise level; the wrong one's is not far below it either way.
  assert.ok(kk < 0.035 && jj < 0.035, `${kk}, ${jj}`);
});

test("the above-chance restriction drops exactly the runs at chance", () => {
  const points: (ChancePoint & {id: string})[] = [
    {id: "clear", N: 1, D: 1, L: 0.5, se: 0.01, constant: 0.7},
    {id: "within 2 SE", N: 1, D: 2, L: 0.69, se: 0.01, constant: 0.7},
    {id: "just inside 2 SE", N: 1, D: 3, L: 0.6805, se: 0.01, constant: 0.7},
    {id: "above the constant", N: 2, D: 1, L: 0.75, se: 0.01, constant: 0.7},
    {id: "no constant", N: 2, D: 2, L: 0.9, se: 0.01, constant: null},
    {id: "no SE, below", N: 2, D: 3, L: 0.65, constant: 0.7},
    {id: "no SE, margin", N: 3, D: 1, L: 0.67, constant: 0.7}
  ];
  const {kept, dropped} = aboveChance(points);
  assert.deepEqual(kept.map((p) => p.id), ["clear", "no constant", "no SE, below", "no SE, margin"]);
  assert.deepEqual(dropped.map((p) => p.id), ["within 2 SE", "just inside 2 SE", "above the constant"]);
  const withMargin = aboveChance(points, {margin: 0.05});
  assert.deepEqual(withMargin.dropped.map((p) => p.id), ["within 2 SE", "just inside 2 SE", "above the constant", "no SE, margin"]);
});

test("leave-one-out matches a brute-force refit on a tiny example", () => {
  const points = lawPoints(TRUTH, 0.02, 5, [5e3, 2e4, 8e4], [500, 2000, 8000]).filter((_, i) => i !== 4);
  for (const form of ["joint", "kaplan"] as const) {
    const loo = leaveOneOut(form, points);
    assert.equal(loo.folds, points.length);
    points.forEach((p, i) => {
      const fit = fitLawForm(form, points.filter((_, j) => j !== i));
      if (!fit.ok) return assert.equal(loo.logErrors[i], null);
      assert.ok(Math.abs(loo.logErrors[i]! - (Math.log(fit.predict(p.N, p.D)) - Math.log(p.L))) < 1e-12);
    });
    const errors = loo.logErrors.filter((e): e is number => e !== null);
    assert.equal(loo.predicted, errors.length);
    assert.ok(Math.abs(loo.rmsLog! - Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length)) < 1e-12);
  }
  // Leaving out one of only three model sizes leaves two: no fold can be refitted.
  const byN = leaveOneOut("joint", points, {}, "N");
  assert.equal(byN.folds, 3);
  assert.equal(byN.failedFolds, 3);
  assert.equal(byN.rmsLog, null);
});

test("assessLawForm reports lack of fit against replicates for each form on the same points", () => {
  const rng = createRng(2);
  const points = kaplanPoints(KAPLAN, 0, 1).flatMap((p) => [0, 1].map(() => ({...p, L: p.L * Math.exp(0.02 * rng.normal())})));
  const kaplan = assessLawForm("kaplan", points, {extrapolation: false});
  const joint = assessLawForm("joint", points, {extrapolation: false});
  assert.equal(kaplan.lackOfFit?.method, "replicates-F");
  assert.equal(joint.lackOfFit?.method, "replicates-F");
  assert.ok(kaplan.lackOfFit!.p! > 0.01, `Kaplan p ${kaplan.lackOfFit!.p}`);
  assert.ok(joint.lackOfFit!.p! < kaplan.lackOfFit!.p!, `joint p ${joint.lackOfFit!.p}`);
  assert.equal(kaplan.looN, null);
});
