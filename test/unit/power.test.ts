// The power analysis (data-loaders/power, `npm run power`) on a tiny design: its output has one
// row per claim with counts that add up, its cost model reproduces the committed runs' wall times, it
// is deterministic, and a design drawn with 10 times the pilot's noise decides fewer claims than the
// same design with the noise as measured. Few resamples keep it fast: only the claims decided by sign
// tests on paired runs (no bootstrap) can then pass Holm's correction, which is what the noise
// property is read on.
import {test} from "node:test";
import assert from "node:assert/strict";
import {join} from "node:path";
import {RunStore} from "../../training/store/run-store.js";
import {costModelFromStore, pilotFromStore} from "../../data-loaders/power/load.js";
import {errorSummary, predictSample} from "../../data-loaders/power/cost.js";
import {designCost, MIN_DECISIVE_RESAMPLES, simulateDesign, type SimulationOptions} from "../../data-loaders/power/simulate.js";
import {candidate} from "../../data-loaders/power/designs.js";
import type {Study} from "../../training/studies/types.js";

const store = new RunStore(join(import.meta.dirname, "..", "..", "results", "runs"));

/** 4 N x 4 D per family, one seed: small enough for a unit test, large enough for paired sign tests. */
const tiny: Study = {
  ...candidate("second"),
  name: "tiny",
  sizes: {
    resnet: [{units: 1, width: 4}, {units: 1, width: 8}, {units: 2, width: 8}, {units: 3, width: 12}],
    transformer: [{layers: 1, dModel: 8, heads: 1, dFfn: 32}, {layers: 1, dModel: 16, heads: 2, dFfn: 64}, {layers: 1, dModel: 32, heads: 2, dFfn: 128}, {layers: 2, dModel: 32, heads: 2, dFfn: 128}]
  },
  records: [250, 1000, 4000, 16000],
  seeds: [0],
  replicates: undefined
};

test("power analysis: one row per claim, deterministic, and more noise decides less", () => {
  // The unseen tasks and sex only: 4 datasets instead of 9 keep the fits few.
  const pilot = pilotFromStore(store, "quick", ["id", "structural", "risk", "sex"]);
  assert.equal(pilot.laws.length, 4 * 4);
  const options: SimulationOptions = {simulations: 2, seed: 3, resamples: 30, noiseScale: 1, misfit: true, truth: "paper"};
  assert.ok(options.resamples < MIN_DECISIVE_RESAMPLES);
  const measured = simulateDesign(pilot, tiny, options);
  assert.equal(measured.claims.length, 12);
  for (const c of measured.claims) {
    assert.equal(c.simulations, 2);
    assert.equal(c.supported + c.notSupported, c.decided, c.id);
    assert.ok(c.lo <= c.decided / 2 && c.decided / 2 <= c.hi, c.id);
  }
  const again = simulateDesign(pilot, tiny, {...options, simulations: 1});
  assert.deepEqual(again.claims.map((c) => [c.id, c.decided, c.nominal]), simulateDesign(pilot, tiny, {...options, simulations: 1}).claims.map((c) => [c.id, c.decided, c.nominal]), "seeded");
  const noisy = simulateDesign(pilot, tiny, {...options, noiseScale: 10});
  // With 30 resamples no bootstrap claim can pass Holm's correction; the claims' own p-values below 0.05 are the property's measure.
  const nominal = (p: typeof measured) => p.claims.reduce((s, c) => s + c.nominal, 0);
  console.log(`tiny design, 2 simulated studies: ${nominal(measured)} claims with p < 0.05 before Holm with the measured noise, ${nominal(noisy)} with 10 times the noise`);
  assert.ok(nominal(measured) > nominal(noisy), "10 times the noise decides fewer claims");
});

test("cost model: reproduces the quick study's wall times and prices a design", () => {
  const {model, samples} = costModelFromStore(store, "quick");
  const e = errorSummary(samples.map((s) => s.wall), samples.map((s) => predictSample(model, s)));
  assert.equal(e.runs, 48);
  assert.ok(e.medianAbs < 0.1 && Math.abs(e.total) < 0.05, `median error ${e.medianAbs}, total ${e.total}`);
  const cost = designCost(tiny, model);
  assert.equal(cost.runs, 4 * 4 * 4);
  assert.ok(cost.total > 0 && Object.keys(cost.byFamily).length === 4);
});
