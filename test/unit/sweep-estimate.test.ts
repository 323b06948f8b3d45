import {test} from "node:test";
import assert from "node:assert/strict";
import {secondsPerCost, sweepEtaSeconds} from "../../training/sweep/estimate.js";

test("secondsPerCost recovers each family's overhead and rate from stored runs", () => {
  // wall = 12 + 3e-9 x cost for resnet-sl, cost = MACs x batch x steps.
  const run = (family: string, macs: number, wall: number) =>
    ({key: family + macs, codeVersion: "v", config: {family, batch: 10, steps: 100}, result: {family, macsPerSample: macs, stepsDone: 100, wallSeconds: wall}}) as never;
  const rates = secondsPerCost([1e5, 4e5, 9e5].map((macs) => run("resnet-sl", macs, 12 + 3e-9 * macs * 1000)));
  const rate = rates.get("resnet-sl")!;
  assert.ok(Math.abs(rate.overhead - 12) < 1e-6, `overhead ${rate.overhead}`);
  assert.ok(Math.abs(rate.perCost - 3e-9) < 1e-15, `rate ${rate.perCost}`);
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
