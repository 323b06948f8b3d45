// Fine-tuning studies (training/finetune/studies.ts, `npm run finetune-study`; issue 15, item 3): the transfer study's
// plan resolves its pre-trained runs in the second study (128 fine-tunings: 4 models x 4 tasks x 4 fractions, each
// pre-trained and from scratch); a tiny study over a smoke run trains end to end into a store and, run again, reads
// every record back; missing pre-trained weights are named before anything trains.
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {initBackend} from "../../training/backend/index.js";
import {captureWeights, saveModelArtefact, type CapturedWeights} from "../../training/artefacts/index.js";
import {missingModels, planFinetuneStudy, runFinetunePlan, transfer, type FinetuneStudy} from "../../training/finetune/studies.js";
import {planStudy, STUDIES} from "../../training/studies/index.js";
import {RunStore} from "../../training/store/run-store.js";
import {train} from "../../training/train/train.js";
import {TRAINING_CODE_VERSION} from "../../training/version.js";

let dir: string;
before(async () => {
  await initBackend({threads: 1, warn: () => {}});
  dir = mkdtempSync(join(tmpdir(), "finetune-study-"));
});
after(() => rmSync(dir, {recursive: true, force: true}));

test("the transfer study's plan: 4 pre-trained runs of second, each task x fraction fine-tuned and from scratch", () => {
  const plan = planFinetuneStudy(transfer, TRAINING_CODE_VERSION);
  assert.equal(plan.length, 128);
  const second = new Map(planStudy(STUDIES.second!, TRAINING_CODE_VERSION).map((r) => [r.key, r.config]));
  const models = [...new Set(plan.map((p) => p.model))];
  assert.equal(models.length, 4);
  for (const key of models) assert.equal(second.get(key)?.records, 16000, `${key} is a D = 16,000 run of second`);
  for (const p of plan.filter((x) => !x.scratch)) assert.ok(plan.some((q) => q.scratch && q.model === p.model && q.task === p.task && q.fraction === p.fraction && q.seed === p.seed));
  // 30 to 1,000 records of each task's 1,000: 1.5 decades.
  assert.ok(Math.log10(Math.max(...transfer.fractions) / Math.min(...transfer.fractions)) >= 1.5);
  assert.throws(() => planFinetuneStudy({...transfer, pretrained: [{...transfer.pretrained[0]!, records: 12345}]}, TRAINING_CODE_VERSION), /has no transformer-sl .* run at D = 12345/);
});

test("a tiny fine-tuning study over a smoke run: trained into a store, then read back; missing weights named first", async () => {
  const source = planStudy(STUDIES.smoke!, TRAINING_CODE_VERSION).find((r) => r.config.family === "resnet-sl" && r.config.records === 96)!;
  const study: FinetuneStudy = {name: "tiny", description: "", source: "smoke", pretrained: [{family: "resnet-sl", size: source.config.size, records: 96, seed: 0}], tasks: ["sex"], fractions: [0.5, 1], seeds: [0]};
  const plan = planFinetuneStudy(study, TRAINING_CODE_VERSION);
  assert.equal(plan.length, 4);
  const modelsDir = join(dir, "models");
  const store = new RunStore(join(dir, "finetune"));
  const budget = {steps: 4, evalEvery: 2, batch: 8, learningRates: [1e-3]};
  assert.deepEqual(missingModels(plan, modelsDir), [source.key]);
  await assert.rejects(runFinetunePlan(plan, {modelsDir, store, budget}), new RegExp(`missing from .*: ${source.key}`));

  let weights: CapturedWeights | undefined;
  const record = await train(source.config, {onTrained: async (family) => void (weights = await captureWeights(family, source.config))});
  await saveModelArtefact(join(modelsDir, source.key), {config: source.config, record, weights: weights!});
  assert.deepEqual(missingModels(plan, modelsDir), []);
  const first = await runFinetunePlan(plan, {modelsDir, store, budget});
  assert.equal(first.length, 4);
  assert.ok(first.every((r) => !r.fromStore && Number.isFinite(r.test.loss)));
  assert.equal(store.list().length, 4);
  assert.deepEqual(first.map((r) => [r.config.init, r.records]), [["pretrained", 10], ["scratch", 10], ["pretrained", 20], ["scratch", 20]]);
  const again = await runFinetunePlan(plan, {modelsDir, store, budget});
  assert.ok(again.every((r) => r.fromStore), "every fine-tuning is read back from the store");
});
