// A run interrupted after its first checkpoint and resumed ends exactly where the same run
// trained without interruption ends, for every family: every piece of random state (data
// order, dropout masks, SSL masks, probe) is either in the checkpoint or a function of the step.
import {test, before} from "node:test";
import assert from "node:assert/strict";
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {initBackend} from "../../training/backend/index.js";
import {train} from "../../training/train/train.js";
import {resolveTrainConfig} from "../../training/train/config.js";
import {familyNames} from "../../training/families/registry.js";
import type {RunRecord} from "../../training/train/run-record.js";
import {compareRuns} from "../../training/train/compare-runs.js";

const base = {records: 192, batch: 16, steps: 24, evalEvery: 8, seed: 3, ood: ["sex"], corpus: {name: "code-like", seed: 0, scale: 0.02}};
const SIZES = {resnet: {units: 2, width: 8}, transformer: {layers: 1, dModel: 16, heads: 2, dFfn: 32}};

before(async () => {
  await initBackend({threads: 1, warn: () => {}});
});

class Interrupted extends Error {}

/** Everything but the timings, which differ between any two runs. */
const timeless = (r: RunRecord) => JSON.parse(JSON.stringify({...r, wallSeconds: 0, samplesPerSecond: 0, evaluations: r.evaluations.map((e) => ({...e, seconds: 0}))}));

for (const family of familyNames()) {
  test(`${family}: killed after its first checkpoint and resumed, it gives the uninterrupted run's losses exactly`, async () => {
    const config = resolveTrainConfig({...base, family, size: family.startsWith("resnet") ? SIZES.resnet : SIZES.transformer});
    const uninterrupted = await train(config);

    const dir = mkdtempSync(join(tmpdir(), "ecg-resume-"));
    const checkpointPath = join(dir, "run.ckpt");
    try {
      // Stop mid-way between the first checkpoint (step 8) and the second evaluation: the work since
      // the checkpoint is lost, as when the process is killed.
      await assert.rejects(
        train(config, {
          checkpointPath,
          onProgress: (p) => {
            if (p.step === 13) throw new Interrupted("killed");
          }
        }),
        Interrupted
      );
      assert.ok(existsSync(checkpointPath), "a checkpoint was written at the first evaluation");
      let resumedFrom = Infinity;
      const resumed = await train(config, {checkpointPath, onProgress: (p) => (resumedFrom = Math.min(resumedFrom, p.step))});
      assert.equal(resumedFrom, 9, "the resumed run starts after the checkpoint's step");
      assert.ok(!existsSync(checkpointPath), "the checkpoint is removed when the run ends");
      const c = compareRuns(uninterrupted, resumed);
      console.log(`# ${family}: resumed at step ${resumedFrom - 1}; ${c.differing} of ${c.compared} losses differ (largest ${c.maxAbs})`);
      assert.ok(c.sameShape && c.compared > 0);
      assert.equal(c.differing, 0, `largest difference ${c.maxAbs}`);
      assert.deepEqual(timeless(resumed), timeless(uninterrupted));
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
}
