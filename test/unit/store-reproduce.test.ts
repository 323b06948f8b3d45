// A committed run, retrained from its stored config on the same backend, reproduces its
// losses: the published store is a record of what the code does, not a copy of numbers.
import {test} from "node:test";
import assert from "node:assert/strict";
import {initBackend, backendInfo} from "../../training/backend/index.js";
import {defaultStoreDir} from "../../training/cli/store-dir.js";
import {RunStore} from "../../training/store/run-store.js";
import {compareRuns, reproduces, reproductionCheck} from "../../training/train/compare-runs.js";
import {train} from "../../training/train/train.js";
import type {TrainConfig} from "../../training/train/config.js";
import type {RunRecord} from "../../training/train/run-record.js";
import {TRAINING_CODE_VERSION} from "../../training/version.js";

const runs = new RunStore(defaultStoreDir()).list<TrainConfig, RunRecord>().filter((r) => r.codeVersion === TRAINING_CODE_VERSION);
// The cheapest committed run: fewest MAC-samples.
const cheapest = runs.sort((a, b) => a.result.macsPerSample * a.config.steps - b.result.macsPerSample * b.config.steps)[0];

test("the cheapest committed run reproduces its losses when retrained", {skip: !cheapest && "no committed runs of this training-code version"}, async () => {
  await initBackend({threads: cheapest!.result.backend.threads, warn: () => {}});
  const now = backendInfo();
  const then = cheapest!.result.backend;
  const check = reproductionCheck(then, now);
  if (check.mode === "none") {
    console.log(`# skipped: ${check.why}`);
    return;
  }
  const again = await train(cheapest!.config);
  const c = compareRuns(cheapest!.result, again);
  console.log(`# retrained ${cheapest!.key} (${cheapest!.config.family}, N=${again.params}, D=${again.records}): ${check.why}; ${c.differing} of ${c.compared} losses differ, largest relative difference ${c.maxRel.toExponential(2)}`);
  assert.ok(c.sameShape, "the retrained run has the stored run's evaluations");
  assert.ok(c.compared > 0);
  assert.ok(reproduces(check, c), `${check.mode}: largest difference ${c.maxAbs} (relative ${c.maxRel})`);
});
