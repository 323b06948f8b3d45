// A committed run, retrained from its stored config on the same backend, reproduces its
// losses: the published store is a record of what the code does, not a copy of numbers.
import {test} from "node:test";
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
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

test("npm run reproduce -- --save-model: a committed run's weights rebuilt, and its probe repeats the record's", {skip: !cheapest && "no committed runs of this training-code version"}, () => {
  const dir = mkdtempSync(join(tmpdir(), "reproduce-model-"));
  try {
    const model = join(dir, "model");
    const run = spawnSync(process.execPath, ["--import", "tsx", "training/cli/reproduce.ts", "--run", cheapest!.key, "--save-model", model], {encoding: "utf8", timeout: 300_000});
    if (/not checked/.test(run.stdout)) {
      // Another backend than the stored run's: nothing is promised, and nothing is saved.
      assert.equal(run.status, 1);
      assert.match(run.stderr, /--save-model: not saved/);
      return;
    }
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /model artefact \(chosen checkpoint, step \d+\) written to/);
    const dataset = cheapest!.config.ood[0]!;
    const probe = spawnSync(process.execPath, ["--import", "tsx", "training/cli/probe.ts", "--model", model, "--data", dataset], {encoding: "utf8", timeout: 300_000});
    assert.equal(probe.status, 0, probe.stderr);
    // Bit-identical on the stored run's kernel; within the reproduction tolerance on another.
    assert.match(probe.stdout, new RegExp(`run ${cheapest!.key}[\\s\\S]*at training: loss`));
    console.log(`# ${probe.stdout.trim().split("\n").at(-1)}`);
    // A folder with other files in it is refused before training (an older artefact would be replaced).
    const other = join(dir, "other");
    mkdirSync(other);
    writeFileSync(join(other, "notes.txt"), "mine");
    const refused = spawnSync(process.execPath, ["--import", "tsx", "training/cli/reproduce.ts", "--run", cheapest!.key, "--save-model", other], {encoding: "utf8", timeout: 60_000});
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(refused.stderr, /--save-model: .*other is a folder with other files in it/);
    assert.doesNotMatch(refused.stderr, /retraining on/, "refused before training");
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
