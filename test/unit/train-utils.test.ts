import {test} from "node:test";
import assert from "node:assert/strict";
import {learningRate} from "../../training/train/schedule.js";
import {EarlyStopper} from "../../training/train/early-stop.js";
import {parseArgs, UsageError} from "../../training/cli/args.js";

test("learning rate warms up linearly then decays along a cosine to the floor", () => {
  const s = {peak: 1e-3, warmupSteps: 10, totalSteps: 110, minRatio: 0.1};
  assert.equal(learningRate(0, s), 1e-4);
  assert.equal(learningRate(9, s), 1e-3);
  assert.ok(Math.abs(learningRate(10, s) - 1e-3) < 1e-12);
  assert.ok(Math.abs(learningRate(60, s) - (1e-4 + 0.9e-3 * 0.5)) < 1e-12, "half way down the cosine");
  assert.ok(Math.abs(learningRate(110, s) - 1e-4) < 1e-12);
  assert.ok(Math.abs(learningRate(500, s) - 1e-4) < 1e-12, "stays at the floor past the budget");
});

test("early stopping waits `patience` evaluations without improvement", () => {
  const stop = new EarlyStopper({patience: 2, minDelta: 0.01});
  assert.equal(stop.observe(1.0), false);
  assert.equal(stop.observe(0.9), false);
  assert.equal(stop.observe(0.895), false, "an improvement under minDelta does not count");
  assert.equal(stop.observe(0.95), true);
  assert.equal(stop.bestLoss, 0.9);
  assert.equal(stop.bestEvaluation, 1);
});

test("argument parser types values and names bad input", () => {
  const specs = {
    family: {type: "string", description: "f", choices: ["a", "b"]},
    steps: {type: "number", description: "s", integer: true, min: 1, default: 10},
    "dry-run": {type: "boolean", description: "d"}
  } as const;
  const parsed = parseArgs(["--family", "a", "--steps=20", "--dry-run"], specs);
  assert.deepEqual(parsed, {family: "a", steps: 20, "dry-run": true});
  assert.equal(parseArgs([], specs).steps, 10);
  assert.throws(() => parseArgs(["--family", "c"], specs), (e: unknown) => e instanceof UsageError && /one of a, b/.test(e.message));
  assert.throws(() => parseArgs(["--steps", "x"], specs), /must be a number/);
  assert.throws(() => parseArgs(["--steps", "1.5"], specs), /whole number/);
  assert.throws(() => parseArgs(["--nope"], specs), /unknown option --nope/);
  assert.throws(() => parseArgs(["--family"], specs), /needs a value/);
  assert.throws(() => parseArgs(["--steps", "5", "--steps=6"], specs), /--steps is given more than once/);
  assert.throws(() => parseArgs(["--family", "--steps", "5"], specs), /--family needs a value/);
  assert.throws(() => parseArgs(["--dry-run=1"], specs), /--dry-run takes no value/);
  assert.throws(() => parseArgs(["extra"], specs), /unexpected argument "extra"/);
  assert.throws(() => parseArgs(["-s", "5"], specs), /unexpected argument "-s"/);
  assert.deepEqual(parseArgs(["--family=a=b"], {family: {type: "string", description: "f"}}), {family: "a=b"});
});

test("the evaluations left in a run are counted as the trainer takes them (every k steps and at the last)", async () => {
  const {evaluationsFrom} = await import("../../training/train/train.js");
  for (const [steps, every] of [[240, 60], [250, 60], [7, 3], [5, 5], [1, 1]] as const) {
    for (let step = 1; step <= steps; step++) {
      let brute = 0;
      for (let s = step; s <= steps; s++) if (s % every === 0 || s === steps) brute++;
      assert.equal(evaluationsFrom(step, steps, every), brute, `steps ${steps} every ${every} from ${step}`);
    }
  }
});
