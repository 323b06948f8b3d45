import {test} from "node:test";
import assert from "node:assert/strict";
import {compareRuns, lossTrace} from "../../training/store/compare-runs.js";
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
