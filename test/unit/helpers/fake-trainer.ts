// A stand-in trainer for sweep tests: takes `config.steps` milliseconds per step-chunk,
// reports progress, and returns a result derived from the config, so a rerun gives the
// same record. FAKE_TRAINER_FAIL_SEED makes runs with that seed throw; FAKE_TRAINER_BUSY=1 makes the run one synchronous stretch
// (announced by writing the worker's pid to FAKE_TRAINER_STARTED, when set).
import {writeFileSync} from "node:fs";
import type {TrainerModule} from "../../../training/sweep/types.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const trainer: TrainerModule = async (config, context) => {
  if (String(config.seed) === process.env.FAKE_TRAINER_FAIL_SEED) throw new Error(`fake failure for seed ${config.seed}`);
  if (process.env.FAKE_TRAINER_BUSY === "1") {
    // One synchronous stretch with no progress, like a final evaluation on real kernels: the event loop never turns.
    context.onProgress({step: 0, steps: 5, phase: "evaluating"});
    if (process.env.FAKE_TRAINER_STARTED) writeFileSync(process.env.FAKE_TRAINER_STARTED, String(process.pid));
    for (const until = Date.now() + config.steps; Date.now() < until; );
    return {finalLoss: 1 / (config.records + config.seed), trainedBy: process.pid};
  }
  for (let step = 1; step <= 5; step++) {
    await sleep(config.steps / 5);
    context.onProgress({step, steps: 5, loss: 1 / step});
  }
  return {finalLoss: 1 / (config.records + config.seed), trainedBy: process.pid};
};
export default trainer;
