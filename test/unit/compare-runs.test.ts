import {test} from "node:test";
import assert from "node:assert/strict";
import {blasKernel, compareRuns, KERNEL_TOLERANCE, lossTrace, reproduces, reproductionCheck} from "../../training/train/compare-runs.js";
import type {BackendInfo} from "../../training/backend/index.js";
import type {RunRecord} from "../../training/train/run-record.js";

const record = (losses: number[][]) =>
  ({
    evaluations: losses.map(([train, val, id, ood], i) => ({step: (i + 1) * 10, trainLoss: train, valLoss: val, idLoss: id, ood: [{dataset: "sex", loss: ood}]}))
  }) as unknown as RunRecord;

test("lossTrace lists every loss of every evaluation", () => {
  const trace = lossTrace(record([[1, 2, 3, 4], [0.5, 1.5, 2.5, 3.5]]));
  assert.deepEqual(trace.map((p) => `${p.step}:${p.what}=${p.value}`), ["10:train=1", "10:val=2", "10:id=3", "10:sex=4", "20:train=0.5", "20:val=1.5", "20:id=2.5", "20:sex=3.5"]);
});

test("compareRuns counts losses that differ and measures the largest difference", () => {
  const a = record([[1, 2, 3, 4], [0.5, 1.5, 2.5, 3.5]]);
  assert.deepEqual(compareRuns(a, a), {sameShape: true, compared: 8, differing: 0, maxAbs: 0, maxRel: 0});
  const b = record([[1, 2, 3, 4], [0.5, 1.5, 2.5, 3.5 + 1e-12]]);
  const c = compareRuns(a, b);
  assert.equal(c.differing, 1);
  assert.ok(c.maxAbs > 0 && c.maxAbs < 1e-11);
  assert.equal(compareRuns(a, record([[1, 2, 3, 4]])).sameShape, false);
  assert.equal(compareRuns(a, record([[1, 2, 3, NaN], [0.5, 1.5, 2.5, 3.5]])).differing, 1, "NaN never equals a loss");
});

test("the reproduction check: identical on the same kernel, a tolerance across OpenBLAS kernels, none across backends", () => {
  const info = (name: string, blas: string | null) =>
    ({name, tfjsBackend: "wasm", package: "p", version: "4.22.0", coreVersion: "4.22.0", threads: 1, trainingKernels: true, native: blas ? {blas, threads: 1} : null, forced: false, skipped: [], warnings: []}) as unknown as BackendInfo;
  const cooper = info("wasm", "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY USE_OPENMP Cooperlake MAX_THREADS=64");
  const haswell = info("wasm", "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY USE_OPENMP Haswell MAX_THREADS=64");
  assert.equal(blasKernel(cooper), "Cooperlake");
  assert.equal(blasKernel(info("wasm", null)), null);
  assert.equal(reproductionCheck(cooper, cooper).mode, "identical");
  const across = reproductionCheck(cooper, haswell);
  assert.equal(across.mode, "tolerance");
  assert.match(across.why, /Cooperlake then, Haswell now/);
  assert.equal(reproductionCheck(cooper, info("wasm", null)).mode, "none");
  assert.equal(reproductionCheck(cooper, info("cpu", null)).mode, "none");
  const comparison = (maxRel: number, differing: number) => ({sameShape: true, compared: 10, differing, maxAbs: maxRel, maxRel});
  assert.equal(reproduces(reproductionCheck(cooper, cooper), comparison(0, 0)), true);
  assert.equal(reproduces(reproductionCheck(cooper, cooper), comparison(1e-9, 1)), false);
  assert.equal(reproduces(across, comparison(7.6e-8, 18)), true);
  assert.equal(reproduces(across, comparison(KERNEL_TOLERANCE * 2, 18)), false);
  assert.equal(reproduces(across, {...comparison(0, 0), sameShape: false}), false);
});
