import {test} from "node:test";
import assert from "node:assert/strict";
import {describeSteps, evalEveryFor, stepsFor} from "../../training/studies/steps.js";
import {planStudy, type Study} from "../../training/studies/index.js";
import {quick} from "../../training/studies/quick.js";

test("a fixed step budget is the same for every D", () => {
  assert.equal(stepsFor(240, 250, 32), 240);
  assert.equal(stepsFor(240, 16000, 32), 240);
  assert.equal(describeSteps(1000), "1,000 steps");
});

test("a step rule grows the budget with D between its floor and cap", () => {
  const rule = {epochs: 4, min: 1000, max: 3000};
  assert.equal(stepsFor(rule, 250, 32), 1000); // 4 x 250 / 32 = 32 steps: the floor
  assert.equal(stepsFor(rule, 16000, 32), 2000); // 4 epochs exactly
  assert.equal(stepsFor(rule, 16001, 32), 2001); // rounded up: never fewer than 4 epochs
  assert.equal(stepsFor(rule, 64000, 32), 3000); // the cap
  assert.match(describeSteps(rule), /max\(1,000, 4 epochs over D\), at most 3,000, steps/);
});

test("evaluations per run set the interval from the run's steps", () => {
  assert.equal(evalEveryFor(60, 10_000), 60);
  assert.equal(evalEveryFor({evaluations: 10}, 1000), 100);
  assert.equal(evalEveryFor({evaluations: 10}, 1001), 101);
  assert.equal(evalEveryFor({evaluations: 10}, 5), 1);
});

test("planStudy gives each data size its own steps and evaluation interval; fixed studies keep their keys", () => {
  const grown: Study = {...quick, steps: {epochs: 8, min: 100}, evalEvery: {evaluations: 4}};
  const plan = planStudy(grown, "test");
  for (const run of plan) {
    assert.equal(run.config.steps, Math.max(100, Math.ceil((8 * run.config.records) / 32)));
    assert.equal(run.config.evalEvery, Math.ceil(run.config.steps / 4));
  }
  const stepsByD = new Map(plan.map((r) => [r.config.records, r.config.steps]));
  assert.deepEqual([...stepsByD.entries()], [[250, 100], [1000, 250], [4000, 1000]]);
  // A fixed-step study resolves exactly as before the rule existed.
  for (const run of planStudy(quick, "test")) {
    assert.equal(run.config.steps, 240);
    assert.equal(run.config.evalEvery, 60);
  }
});
