import {test} from "node:test";
import assert from "node:assert/strict";
import {estimateSeconds, secondsPerCost, sweepEtaSeconds} from "../../training/sweep/estimate.js";
import {runRecords, runWork} from "../../training/sweep/work.js";
import {planStudy, studyByName} from "../../training/studies/index.js";
import {RunStore} from "../../training/store/run-store.js";
import {TRAINING_CODE_VERSION} from "../../training/version.js";
import type {TrainConfig} from "../../training/train/config.js";
import type {RunRecord} from "../../training/train/run-record.js";

const runsOf = (name: string) => planStudy(studyByName(name), TRAINING_CODE_VERSION);

test("secondsPerCost recovers each family's rates per unit of work and per record from stored runs", () => {
  // wall = 3e-10 x work + 4e-3 x records, on runs of two studies with different evaluation splits.
  const runs = [...runsOf("smoke"), ...runsOf("quick")].filter((r) => r.config.family === "resnet-sl");
  const stored = runs.map((r) => ({key: r.key, codeVersion: "v", config: r.config, result: {family: r.config.family, stepsDone: r.config.steps, wallSeconds: 3e-10 * runWork(r.config) + 4e-3 * runRecords(r.config)}}) as never);
  const rate = secondsPerCost(stored).get("resnet-sl")!;
  assert.ok(Math.abs(rate.perCost / 3e-10 - 1) < 1e-6, `per work ${rate.perCost}`);
  assert.ok(Math.abs(rate.perRecord / 4e-3 - 1) < 1e-6, `per record ${rate.perRecord}`);
});

test("calibrated on the committed quick runs, the estimate of the committed smoke runs is within a factor 2 of their wall time", () => {
  // Stored records only (measured once, on this project's machines): no timing happens here.
  const store = new RunStore("results/runs");
  const stored = (name: string) => {
    const keys = new Set(runsOf(name).map((r) => r.key));
    return store.list<TrainConfig, RunRecord>().filter((r) => keys.has(r.key));
  };
  const [quick, smoke] = [stored("quick"), stored("smoke")];
  assert.ok(quick.length >= 40 && smoke.length >= 16, "the committed runs are there");
  const rates = secondsPerCost(quick);
  const estimated = smoke.reduce((s, r) => s + estimateSeconds({key: r.key, config: r.config, cost: 0}, rates), 0);
  const actual = smoke.reduce((s, r) => s + r.result.wallSeconds, 0);
  assert.ok(estimated / actual > 0.5 && estimated / actual < 2, `smoke: estimated ${estimated.toFixed(0)} s, took ${actual.toFixed(0)} s`);
});

test("the sweep's ETA weighs runs by their estimated cost, not by their count", () => {
  // One large run (1,000 s) done, in 1,000 s; nine small runs (10 s each) left, on 2 workers.
  const estimates = new Map([["big", 1000], ...Array.from({length: 9}, (_, i) => [`small${i}`, 10] as [string, number])]);
  const eta = sweepEtaSeconds({estimates, finished: new Map([["big", 1000]]), running: new Map(), workers: 2});
  assert.equal(eta, 45); // 9 x 10 s over 2 workers; "elapsed / done x left" would say 9,000 s
});

test("the ETA scales the rest by how finished runs measured against their estimates", () => {
  const estimates = new Map([["a", 100], ["b", 100], ["c", 100]]);
  // "a" took twice its estimate; "b" is half done; "c" has not started; one worker.
  const eta = sweepEtaSeconds({estimates, finished: new Map([["a", 200]]), running: new Map([["b", 0.5]]), workers: 1});
  assert.equal(eta, (50 + 100) * 2);
  assert.equal(sweepEtaSeconds({estimates, finished: new Map([["a", 1], ["b", 1], ["c", 1]]), running: new Map(), workers: 4}), 0);
});

test("with nothing finished the ETA is the plain estimate, spread over no more workers than runs", () => {
  const estimates = new Map([["a", 300]]);
  assert.equal(sweepEtaSeconds({estimates, finished: new Map(), running: new Map(), workers: 8}), 300);
});
