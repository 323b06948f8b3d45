// Fine-tuning a saved model (training/finetune/, `npm run finetune`): a tiny saved ResNet-SL fine-tuned on a small
// OOD task end to end, deterministic for a seed; the chosen learning rate is the grid's value with the lowest
// validation loss; the reported test loss equals an independent re-evaluation of the restored weights (frozen
// features, the head's weights and the loss in float64 JS); --scratch starts elsewhere on the same subset and
// budget; a multiclass task and a Transformer run too; trainableFeatures in inference mode equals features for the
// four families; the command's refusals (exit 2 with the usage, before a backend starts).
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import {initBackend} from "../../training/backend/index.js";
import {loadCorpus} from "../../training/corpus/index.js";
import {train} from "../../training/train/train.js";
import {resolveTrainConfig} from "../../training/train/config.js";
import {createFamily} from "../../training/families/index.js";
import {captureWeights, saveModelArtefact, type CapturedWeights} from "../../training/artefacts/index.js";
import {RunStore} from "../../training/store/run-store.js";
import {finetune, finetuneSubset, FINETUNE_LEARNING_RATES, type FinetuneOptions, type FinetuneRecord, type FinetunedModel} from "../../training/finetune/index.js";

const corpus = {name: "code-like", seed: 0, scale: 0.02};
// At scale 0.02 the OOD tasks have 20 / 5 / 10 train / val / test records.
const budget = {batch: 8, steps: 16, evalEvery: 4, patience: 2} satisfies Partial<FinetuneOptions>;
let dir: string;
const models: Record<string, string> = {};

async function savedModel(family: "resnet-sl" | "transformer-sl", size: object, steps: number): Promise<string> {
  const config = resolveTrainConfig({family, size: size as never, records: 96, steps, evalEvery: steps / 2, batch: 16, ood: [], seed: 0, corpus});
  let weights: CapturedWeights | undefined;
  const record = await train(config, {onTrained: async (model) => void (weights = await captureWeights(model, config))});
  const folder = join(dir, family);
  await saveModelArtefact(folder, {config, record, weights: weights!});
  return folder;
}

before(async () => {
  await initBackend({threads: 1, warn: () => {}});
  dir = mkdtempSync(join(tmpdir(), "finetune-"));
  models["resnet-sl"] = await savedModel("resnet-sl", {units: 1, width: 4}, 8);
});
after(() => rmSync(dir, {recursive: true, force: true}));

/** Test loss and validation loss of the fine-tuned weights, recomputed apart from the fine-tuning code. */
async function independentLosses(model: FinetunedModel): Promise<{test: number; val: number}> {
  const w = Float64Array.from((await model.head.w.data()) as Float32Array);
  const b = Float64Array.from((await model.head.b.data()) as Float32Array);
  const {kind, classes} = model.dataset.task;
  const k = classes.length;
  const d = model.family.featureDims;
  const loss = async (split: (typeof model.dataset.splits)["test"]) => {
    const x = await model.family.features(split);
    let total = 0;
    for (let i = 0; i < split.count; i++) {
      const z = Array.from({length: k}, (_, c) => {
        let s = b[c]!;
        for (let j = 0; j < d; j++) s += x[i * d + j]! * w[j * k + c]!;
        return s;
      });
      if (kind === "multilabel") {
        // -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))], averaged over labels
        total += z.reduce((sum, zc, c) => sum - (split.labels[i * k + c] ? Math.log(1 / (1 + Math.exp(-zc))) : Math.log(1 - 1 / (1 + Math.exp(-zc)))), 0) / k;
      } else {
        total += Math.log(z.reduce((sum, zc) => sum + Math.exp(zc), 0)) - z[split.labels[i]!]!;
      }
    }
    return total / split.count;
  };
  return {test: await loss(model.dataset.splits.test), val: await loss(model.dataset.splits.val)};
}

const withoutTime = (r: FinetuneRecord) => ({...r, wallSeconds: 0});

test("resnet-sl: fine-tuning a saved model runs end to end, is deterministic for a seed, chooses the grid's lowest validation loss and reports the restored weights' test loss", async (t) => {
  let check: {test: number; val: number; subset: number[]} | undefined;
  const started = performance.now();
  const first = await finetune(models["resnet-sl"]!, "sex", {
    fraction: 0.75,
    seed: 3,
    ...budget,
    onTrained: async (model) => void (check = {...(await independentLosses(model)), subset: model.subset})
  });
  const seconds = (performance.now() - started) / 1000;
  const second = await finetune(models["resnet-sl"]!, "sex", {fraction: 0.75, seed: 3, ...budget});
  assert.deepEqual(withoutTime(second), withoutTime(first), "same seed, same record");

  assert.equal(first.records, 15, "round(0.75 x 20)");
  assert.deepEqual(check!.subset, finetuneSubset(20, 15, 3, "sex"));
  assert.equal(first.config.init, "pretrained");
  assert.deepEqual(first.config.learningRates, [...FINETUNE_LEARNING_RATES]);
  assert.equal(first.runs.length, 3);
  // The chosen rate: one of the grid, the lowest best validation loss (ties to the smaller rate).
  const lowest = first.runs.reduce((a, r) => (r.bestValLoss < a.bestValLoss ? r : a));
  assert.equal(first.learningRate, lowest.learningRate);
  assert.ok(FINETUNE_LEARNING_RATES.includes(first.learningRate));
  assert.equal(first.step, lowest.bestStep);
  for (const r of first.runs) {
    assert.equal(r.evaluations[0]!.step, 0);
    assert.equal(r.bestValLoss, Math.min(...r.evaluations.slice(1).map((e) => e.valLoss)));
    assert.ok(r.stepsDone <= budget.steps);
    const after = r.evaluations.slice(1);
    if (r.stoppedEarly) assert.ok(after.length - 1 - after.findIndex((e) => e.step === r.bestStep) >= budget.patience, "stopped after `patience` evaluations without improvement");
  }
  // Every rate starts from the same weights, head and data: the same step-0 validation loss.
  assert.equal(new Set(first.runs.map((r) => r.evaluations[0]!.valLoss)).size, 1);
  // The restored weights: their validation loss is the chosen one, and the test loss is theirs.
  assert.equal(first.val.loss, lowest.bestValLoss);
  assert.ok(Math.abs(check!.val - first.val.loss) < 1e-6, `validation: independent ${check!.val}, reported ${first.val.loss}`);
  assert.ok(Math.abs(check!.test - first.test.loss) < 1e-6, `test: independent ${check!.test}, reported ${first.test.loss}`);
  assert.ok(first.test.lossSe > 0 && Number.isFinite(first.test.constantLoss));
  assert.ok(first.test.auroc === undefined || (first.test.auroc >= 0 && first.test.auroc <= 1));
  t.diagnostic(`pre-trained: lr ${first.learningRate} step ${first.step}, val ${first.val.loss.toFixed(4)}, test ${first.test.loss.toFixed(4)} (SE ${first.test.lossSe.toFixed(4)}), constant ${first.test.constantLoss.toFixed(4)}, AUROC ${first.test.auroc?.toFixed(3)}; independent test loss differs by ${Math.abs(check!.test - first.test.loss).toExponential(1)}; ${first.stepsDone} steps in ${seconds.toFixed(1)} s`);

  // --scratch: the same subset and budget, another start.
  let scratchSubset: number[] | undefined;
  const scratch = await finetune(models["resnet-sl"]!, "sex", {fraction: 0.75, seed: 3, scratch: true, ...budget, onTrained: async (m) => void (scratchSubset = m.subset)});
  assert.equal(scratch.config.init, "scratch");
  assert.deepEqual({...scratch.config, init: "pretrained"}, first.config);
  assert.notEqual(scratch.key, first.key);
  assert.deepEqual(scratchSubset, check!.subset);
  assert.equal(scratch.records, first.records);
  assert.equal(scratch.params, first.params);
  assert.notEqual(scratch.runs[0]!.evaluations[0]!.valLoss, first.runs[0]!.evaluations[0]!.valLoss, "a different start");
  const again = await finetune(models["resnet-sl"]!, "sex", {fraction: 0.75, seed: 3, scratch: true, ...budget});
  assert.deepEqual(withoutTime(again), withoutTime(scratch));
  const otherSeed = await finetune(models["resnet-sl"]!, "sex", {fraction: 0.75, seed: 4, scratch: true, ...budget});
  assert.notEqual(otherSeed.runs[0]!.evaluations[0]!.valLoss, scratch.runs[0]!.evaluations[0]!.valLoss, "the seed sets the scratch start");
  t.diagnostic(`scratch: lr ${scratch.learningRate} step ${scratch.step}, initial val ${scratch.runs[0]!.evaluations[0]!.valLoss.toFixed(4)} vs pre-trained ${first.runs[0]!.evaluations[0]!.valLoss.toFixed(4)}, test ${scratch.test.loss.toFixed(4)} (SE ${scratch.test.lossSe.toFixed(4)}) vs pre-trained ${first.test.loss.toFixed(4)}`);
});

test("resnet-sl on a multiclass task (cpsc): softmax cross-entropy, the reported test loss is the restored weights'", async (t) => {
  let check: {test: number; val: number} | undefined;
  const r = await finetune(models["resnet-sl"]!, "cpsc", {fraction: 1, seed: 0, ...budget, learningRates: [1e-3], onTrained: async (m) => void (check = await independentLosses(m))});
  assert.equal(r.dataset.kind, "multiclass");
  assert.equal(r.records, r.dataset.records.train);
  assert.ok(Math.abs(check!.test - r.test.loss) < 1e-6, `independent ${check!.test}, reported ${r.test.loss}`);
  t.diagnostic(`cpsc (${r.dataset.classes.length} classes): test ${r.test.loss.toFixed(4)}, constant ${r.test.constantLoss.toFixed(4)}, AUROC ${r.test.auroc?.toFixed(3)}`);
});

test("transformer-sl: a saved Transformer fine-tunes end to end", async (t) => {
  const folder = await savedModel("transformer-sl", {layers: 1, dModel: 16, heads: 2, dFfn: 32}, 4);
  let check: {test: number; val: number} | undefined;
  const started = performance.now();
  const r = await finetune(folder, "sex", {fraction: 1, seed: 0, batch: 8, steps: 6, evalEvery: 3, learningRates: [3e-4, 1e-3], onTrained: async (m) => void (check = await independentLosses(m))});
  assert.equal(r.model.family, "transformer-sl");
  assert.ok([3e-4, 1e-3].includes(r.learningRate));
  assert.ok(Number.isFinite(r.test.loss));
  assert.ok(Math.abs(check!.test - r.test.loss) < 1e-6, `independent ${check!.test}, reported ${r.test.loss}`);
  t.diagnostic(`transformer-sl: ${r.params} parameters, lr ${r.learningRate}, test ${r.test.loss.toFixed(4)}; ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

test("trainableFeatures in inference mode gives the frozen features, for the four families", async () => {
  const id = loadCorpus("code-like", corpus);
  const split = loadCorpus("sex", corpus).splits.val;
  const indices = Array.from({length: split.count}, (_, i) => i);
  for (const [family, size] of [
    ["resnet-sl", {units: 1, width: 4}],
    ["resnet-ssl", {units: 1, width: 4}],
    ["transformer-sl", {layers: 1, dModel: 16, heads: 2, dFfn: 32}],
    ["transformer-ssl", {layers: 1, dModel: 16, heads: 2, dFfn: 32}]
  ] as const) {
    const model = createFamily({family, size, seed: 0, batch: 16}, id);
    try {
      const features = await model.features(split);
      const trainable = model.trainableFeatures!(split, indices, false);
      assert.deepEqual(trainable.shape, [split.count, model.featureDims], family);
      assert.deepEqual(Float32Array.from(await trainable.data()), features, family);
      trainable.dispose();
      assert.ok(model.backboneTrainable!.every((v) => model.trainable.includes(v)), `${family}: backbone variables are trainable ones`);
      assert.ok(model.backboneTrainable!.length < model.trainable.length, `${family}: the pre-training head is left out`);
      // Gradients reach the backbone (the first variable: the stem or the token embedding).
      const {grads} = tf.variableGrads(() => tf.tidy(() => tf.mean(tf.square(model.trainableFeatures!(split, indices.slice(0, 4), true, 0))) as tf.Scalar), model.backboneTrainable);
      assert.ok(grads[model.backboneTrainable![0]!.name], `${family}: a gradient for ${model.backboneTrainable![0]!.name}`);
      tf.dispose(Object.values(grads));
    } finally {
      model.dispose();
    }
  }
});

test("a store of fine-tuning records: stored once, found again without training, --rerun trains anew", async () => {
  const store = new RunStore(join(dir, "store-api"));
  let steps = 0;
  const options = {fraction: 0.5, seed: 1, ...budget, learningRates: [1e-3], store, onProgress: () => void steps++};
  const first = await finetune(models["resnet-sl"]!, "sex", options);
  assert.ok(steps > 0 && first.fromStore === undefined);
  // As JSON holds it (a diverged run's non-finite losses become null).
  const asStored = JSON.parse(JSON.stringify(first)) as FinetuneRecord;
  assert.deepEqual(store.read(first.key)?.result, asStored, "the record is stored under its key");
  steps = 0;
  const found = await finetune(models["resnet-sl"]!, "sex", options);
  assert.equal(steps, 0, "nothing trained");
  assert.deepEqual(found, {...asStored, fromStore: true});
  const rerun = await finetune(models["resnet-sl"]!, "sex", {...options, rerun: true});
  assert.ok(steps > 0 && rerun.fromStore === undefined);
  assert.deepEqual(withoutTime(rerun), withoutTime(first), "deterministic");
});

test("an interrupted fine-tuning resumes from its checkpoint after the rates it finished and ends with the same record", async () => {
  const options = {fraction: 0.5, seed: 2, ...budget};
  const whole = await finetune(models["resnet-sl"]!, "sex", {...options, store: new RunStore(join(dir, "store-whole"))});
  const store = new RunStore(join(dir, "store-cut"));
  // Stopped during the second rate's run (as a kill would stop it).
  await assert.rejects(
    finetune(models["resnet-sl"]!, "sex", {...options, store, onProgress: (p) => {
      if (p.rate === 1 && p.step === 2) throw new Error("stopped");
    }}),
    /stopped/
  );
  assert.ok(existsSync(store.checkpointPath(whole.key)), "the first rate's run is checkpointed");
  const rates = new Set<number>();
  const resumed = await finetune(models["resnet-sl"]!, "sex", {...options, store, onProgress: (p) => void rates.add(p.rate)});
  assert.ok(!rates.has(0), "the finished rate is not run again");
  assert.deepEqual(withoutTime(resumed), withoutTime(whole));
  assert.ok(!existsSync(store.checkpointPath(whole.key)), "the checkpoint is removed once the record is stored");
});

const command = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "training/cli/finetune.ts", ...args], {encoding: "utf8", timeout: 180_000, env: {...process.env, ECG_DATA_DIR: "/nonexistent", FINETUNE_STORE: join(dir, "finetune-store")}});

test("npm run finetune: --help, a run with --out, and the refusals (exit 2, the usage, before a backend starts)", () => {
  const help = command(["--help"]);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: npm run finetune --[\s\S]*--fraction N[\s\S]*--scratch[\s\S]*lowest\s+best validation loss/);

  const out = join(dir, "result", "finetune.json");
  const run = command(["--model", models["resnet-sl"]!, "--data", "sex", "--fraction", "0.5", "--steps", "4", "--eval-every", "2", "--batch", "8", "--lrs", "0.001", "--out", out]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /finetune sex F=0\.5 \[/);
  assert.match(run.stdout, /10 of 20 training records[\s\S]*chosen lr 0\.001, step \d: test loss \d\.\d{4} \(SE/);
  const written = JSON.parse(readFileSync(out, "utf8")) as FinetuneRecord;
  assert.equal(written.format, "ecg-scaling-finetune");
  assert.equal(written.records, 10);
  assert.deepEqual(written.config.learningRates, [0.001]);
  // The store (FINETUNE_STORE here): the same command again finds the record instead of training.
  assert.match(run.stderr, /record stored as .*finetune-store/);
  const repeat = command(["--model", models["resnet-sl"]!, "--data", "sex", "--fraction", "0.5", "--steps", "4", "--eval-every", "2", "--batch", "8", "--lrs", "0.001"]);
  assert.equal(repeat.status, 0, repeat.stderr);
  assert.match(repeat.stderr, /already in the store .*not trained again/);
  assert.doesNotMatch(repeat.stderr, /finetune sex F=0\.5 \[/, "no training progress");
  assert.equal(repeat.stdout.split("\n").at(-2), run.stdout.split("\n").at(-2), "the same result line (the stored record's)");

  const notModel = join(dir, "not-a-model");
  mkdirSync(notModel, {recursive: true});
  const model = models["resnet-sl"]!;
  for (const [args, message] of [
    [["--model", join(dir, "nowhere"), "--data", "sex", "--fraction", "0.5"], /error: no model folder .*nowhere/],
    [["--model", notModel, "--data", "sex", "--fraction", "0.5"], /is not a model artefact: it has no model\.json/],
    [["--model", model, "--data", "mimic-iv", "--fraction", "0.5"], /unknown dataset "mimic-iv"; fine-tuning takes an OOD task: ptbxl-super, .*sex/],
    [["--model", model, "--data", "code-like", "--fraction", "0.5"], /unknown dataset "code-like"/],
    [["--model", model, "--data", "sex", "--fraction", "0"], /--fraction must be in \(0, 1\], got 0/],
    [["--model", model, "--data", "sex", "--fraction", "1.5"], /--fraction must be in \(0, 1\], got 1\.5/],
    [["--model", model, "--data", "sex", "--fraction", "0.3"], /--fraction 0\.3 of sex's 20 training records is 6; fine-tuning needs at least 8/],
    [["--model", model, "--data", "sex"], /--fraction is required/],
    [["--model", model, "--data", "sex", "--fraction", "0.5", "--lrs", "0.001,x"], /--lrs must be positive numbers/]
  ] as const) {
    const r = command([...args]);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /usage: npm run finetune --/);
    assert.doesNotMatch(r.stderr, /backend:/, "refused before starting a backend");
  }
  writeFileSync(join(notModel, "model.json"), "{}");
  const bad = command(["--model", notModel, "--data", "sex", "--fraction", "0.5"]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /format "undefined" is not ecg-scaling-model/);
});
