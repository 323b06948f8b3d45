// The label-scaling study's plan (training/studies/labels.ts; issue 16): every supervised cell once per scenario x
// fraction with focal loss, the self-supervised references once per size, distinct keys; no other study's runs
// carry label settings, and the mimic-icd pool holds the study's D.
import {test} from "node:test";
import assert from "node:assert/strict";
import {planStudy, STUDIES} from "../../training/studies/index.js";
import {planCorpus} from "../../training/corpus/plan.js";
import {corpusConfig} from "../../training/corpus/config.js";

test("the labels study plans 24 supervised runs over 2 scenarios x 3 fractions and 4 self-supervised references", () => {
  const runs = planStudy(STUDIES.labels!, "v");
  assert.equal(runs.length, 28);
  assert.equal(new Set(runs.map((r) => r.key)).size, 28, "keys are distinct");
  const sl = runs.filter((r) => r.config.family.endsWith("-sl"));
  const ssl = runs.filter((r) => r.config.family.endsWith("-ssl"));
  assert.equal(sl.length, 24);
  assert.ok(ssl.every((r) => r.config.labels === undefined && r.config.loss === undefined));
  for (const family of ["resnet-sl", "transformer-sl"]) {
    for (const size of new Set(sl.filter((r) => r.config.family === family).map((r) => JSON.stringify(r.config.size)))) {
      const cell = sl.filter((r) => r.config.family === family && JSON.stringify(r.config.size) === size);
      assert.deepEqual(cell.map((r) => `${r.config.labels!.scenario} ${r.config.labels!.fraction}`).sort(), ["dominant 0.3", "dominant 0.5", "dominant 1", "tail 0.3", "tail 0.5", "tail 1"]);
      assert.ok(cell.every((r) => r.config.loss?.kind === "focal" && r.config.loss.gamma === 2));
    }
  }
  const study = STUDIES.labels!;
  const pool = planCorpus(corpusConfig(study.corpus.name as never, {seed: study.corpus.seed, scale: study.corpus.scale, evalScale: study.corpus.evalScale} as never)) as unknown as {train: unknown[]};
  assert.ok(Math.max(...study.records) <= pool.train.length, `D ${Math.max(...study.records)} within the pool of ${pool.train.length}`);
});

test("no other study's runs carry label settings (their keys stay those of their stored runs)", () => {
  for (const [name, study] of Object.entries(STUDIES)) {
    if (name === "labels") continue;
    assert.ok(planStudy(study, "v").every((r) => !("labels" in r.config) && !("loss" in r.config)), name);
  }
});
