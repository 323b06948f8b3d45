/**
 * Full fine-tuning of a saved model (`npm run finetune`; issue 15, item 2), and the same architecture trained from
 * scratch with the same budget and rules (`scratch`), so the two are comparable:
 *
 *  - Data: the downstream dataset (an OOD task of training/corpus/specs.ts) built with the corpus options the
 *    model was trained with (as the probe builds it). Training subset: the first round(F x n) records of a seeded
 *    permutation of its training split (deriveSeed(seed, "finetune-subset", dataset)), so for one seed the subsets
 *    of growing F are nested; at least MIN_FINETUNE_RECORDS. Validation and test splits: whole.
 *  - Model: the backbone's features (FamilyModel.trainableFeatures: where the probe reads them) and a new dense
 *    task head (PyTorch's default init, seeded by deriveSeed(seed, "finetune-head")); every backbone weight and the
 *    head trainable; batch norm in training mode updates its running statistics. Multi-label tasks: sigmoid / BCE
 *    per label; single-label (multiclass) tasks: softmax cross-entropy, as the probe treats them.
 *  - Start: the artefact's weights, or (scratch) the family's factory with the artefact's config and `seed`.
 *  - Optimisation: Adam (beta 0.9 / 0.999, eps 1e-8, no weight decay) at a constant learning rate, batches of
 *    min(batch, records) drawn by epochs of a seeded permutation of the subset (deriveSeed(seed, "finetune-order")),
 *    for at most `steps` steps: by default clamp(ceil(30 epochs x records / batch), 100, 1000); the validation loss
 *    is measured before the first step and every `evalEvery` steps (default ceil(steps / 20)) and at the last.
 *  - Early stopping: a learning rate's run stops after `patience` (default 4) evaluations without a lower
 *    validation loss; its best evaluation after step 0 is kept (weights snapshotted), the head's random start
 *    (step 0) never.
 *  - Learning rate: every value of the grid (FINETUNE_LEARNING_RATES: 1e-4, 3e-4, 1e-3) is run from the same start,
 *    head, data order and dropout masks; the one whose best validation loss is lowest is chosen (ties: the smaller
 *    rate). A rate whose training loss becomes non-finite is marked diverged and stopped.
 *  - Test: the chosen rate's best weights restored; test loss (mean over records of each record's loss, BCE
 *    averaged over labels), its standard error over records, macro AUROC (multiclass: one-vs-rest on the softmax
 *    probabilities), and the constant predictor's test loss (the subset's prevalences, as the probe's).
 *
 * Deterministic for a seed on one backend and kernel. Not resumable: a killed run starts over (its cost is the
 * grid's steps on one downstream subset). The backend must have been chosen (initBackend).
 */
import * as tf from "@tensorflow/tfjs-core";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {ARTEFACT_FORMAT, ARTEFACT_VERSION, loadModelArtefact, MODEL_JSON, ModelArtefactError, type ArtefactMetadata} from "../artefacts/model-artefact.js";
import {backendInfo} from "../backend/index.js";
import {corpusConfig} from "../corpus/config.js";
import {loadCorpus as loadCorpusDefault, type Corpus, type CorpusName, type CorpusSplit, type LoadCorpusOptions} from "../corpus/index.js";
import {OOD_DATASETS} from "../corpus/specs.js";
import {macroAuroc} from "../eval/auroc.js";
import {constantBias} from "../eval/logistic.js";
import {createFamily} from "../families/index.js";
import {applyDense, dense, type Dense} from "../families/heads.js";
import {meanAndSe, perRecordBce} from "../families/held-out.js";
import {mapInChunks} from "../families/inference.js";
import type {FamilyModel} from "../families/types.js";
import {Initializer} from "../models/init.js";
import {binaryCrossEntropyWithLogits} from "../models/ops/loss.js";
import {softmaxCrossEntropy} from "../objectives/bce.js";
import {runKey} from "../store/run-key.js";
import type {RunStore} from "../store/run-store.js";
import {loadFinetuneCheckpoint, removeFinetuneCheckpoint, saveFinetuneCheckpoint} from "./checkpoint.js";
import {resolveTrainConfig, type TrainConfig} from "../train/config.js";
import {EarlyStopper} from "../train/early-stop.js";
import {Optimizer} from "../train/optimizer.js";
import {EpochSampler} from "../train/sampler.js";
import {deriveSeed, Rng} from "../util/prng.js";
import {TRAINING_CODE_VERSION} from "../version.js";

export const FINETUNE_FORMAT = "ecg-scaling-finetune";
export const FINETUNE_VERSION = 1;
/** The learning-rate grid, small to large: every rate is run, the lowest best validation loss chooses. */
export const FINETUNE_LEARNING_RATES: readonly number[] = Object.freeze([1e-4, 3e-4, 1e-3]);
/** The fewest training records a fine-tuning subset may have. */
export const MIN_FINETUNE_RECORDS = 8;
/** The budget's defaults: batch, the step rule (epochs over the subset, clamped), evaluations per run, patience. */
export const FINETUNE_DEFAULTS = Object.freeze({batch: 32, epochs: 30, minSteps: 100, maxSteps: 1000, evaluations: 20, patience: 4});

/** Refused input (an unknown dataset, a fraction outside (0, 1], a subset too small, a family that cannot be fine-tuned). */
export class FinetuneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FinetuneError";
  }
}

export interface FinetuneOptions {
  /** F in (0, 1]: the share of the dataset's training split used. */
  fraction: number;
  /** Train the same architecture from random weights (the family's factory with the artefact's config and `seed`). */
  scratch?: boolean;
  /** Seed of the subset, the data order, the head and (scratch) the backbone's initial weights. Default 0. */
  seed?: number;
  /** Records per step (at most the subset's size). Default FINETUNE_DEFAULTS.batch. */
  batch?: number;
  /** Steps per learning rate at most. Default: clamp(ceil(epochs x records / batch), minSteps, maxSteps). */
  steps?: number;
  /** Evaluate the validation loss every this many steps (and at the last). Default ceil(steps / evaluations). */
  evalEvery?: number;
  /** Evaluations without improvement before a learning rate's run stops. Default FINETUNE_DEFAULTS.patience. */
  patience?: number;
  /** The learning-rate grid. Default FINETUNE_LEARNING_RATES. */
  learningRates?: readonly number[];
  cacheDir?: string;
  /**
   * A store of fine-tuning records (results/finetune by default in the command): a fine-tuning whose key is
   * already stored is not trained again (its record is returned, `fromStore` set), and a new record is written
   * to it, so a study of many fine-tunings resumes where it stopped. `rerun` trains and overwrites anyway.
   */
  store?: RunStore;
  rerun?: boolean;
  /** Corpus loading (tests inject small corpora). */
  loadCorpus?: (name: CorpusName, options: LoadCorpusOptions) => Corpus;
  onProgress?: (progress: FinetuneProgress) => void;
  /** Called with the chosen weights in place (after the test evaluation), before the model is disposed. */
  onTrained?: (model: FinetunedModel) => Promise<void>;
}

export interface FinetuneProgress {
  /** Index of the learning rate in the grid, and the grid's length. */
  rate: number;
  rates: number;
  learningRate: number;
  step: number;
  steps: number;
  loss?: number;
  valLoss?: number;
  phase: "training" | "evaluating" | "testing";
}

/** The fine-tuned model as onTrained sees it: the family (backbone), the task head and the data it was tuned on. */
export interface FinetunedModel {
  family: FamilyModel;
  head: Dense;
  dataset: Corpus;
  /** Training-split indices of the subset, in subset order. */
  subset: number[];
}

export interface FinetuneEvaluation {
  step: number;
  /** Mean training loss of the steps since the previous evaluation (null at step 0: no steps yet). */
  trainLoss: number | null;
  valLoss: number;
  valLossSe: number;
}

export interface LearningRateRun {
  learningRate: number;
  stepsDone: number;
  stoppedEarly: boolean;
  /** The training loss became non-finite (the run stopped there). */
  diverged: boolean;
  /** The evaluation kept (lowest validation loss after step 0); undefined when none was finite. */
  bestStep?: number;
  bestValLoss: number;
  evaluations: FinetuneEvaluation[];
}

/** What the key hashes: everything that determines the result (the model by its run key, not by its folder). */
export interface FinetuneConfig {
  model: string;
  family: string;
  size: TrainConfig["size"];
  init: "pretrained" | "scratch";
  dataset: string;
  corpus: ArtefactMetadata["input"]["corpusOptions"];
  fraction: number;
  seed: number;
  batch: number;
  steps: number;
  evalEvery: number;
  patience: number;
  learningRates: number[];
}

export interface FinetuneRecord {
  format: typeof FINETUNE_FORMAT;
  version: number;
  /** Hash of the config and the training-code version (as run keys are made). */
  key: string;
  codeVersion: string;
  config: FinetuneConfig;
  model: {dir: string; runKey: string; family: string; size: string; params: number; featureDims: number; chosenStep?: number};
  dataset: {name: string; hash: string; kind: "multilabel" | "multiclass"; classes: string[]; records: {train: number; val: number; test: number}};
  /** Training records used: round(fraction x the training split). */
  records: number;
  /** Trainable parameters fine-tuned: backbone and task head. */
  params: number;
  learningRate: number;
  /** Step of the chosen weights (in the chosen learning rate's run). */
  step: number;
  /** Steps done over the whole grid. */
  stepsDone: number;
  runs: LearningRateRun[];
  val: {loss: number; lossSe: number};
  test: {loss: number; lossSe: number; auroc?: number; constantLoss: number; constantLossSe: number};
  backend: {name: string; version: string; threads: number};
  wallSeconds: number;
  /** Set on a record read back from the store instead of trained (not stored). */
  fromStore?: true;
}

/** The datasets fine-tuning accepts: the OOD tasks. */
export function checkFinetuneDataset(name: string): CorpusName {
  if (!(OOD_DATASETS as readonly string[]).includes(name)) throw new FinetuneError(`unknown dataset "${name}"; fine-tuning takes an OOD task: ${OOD_DATASETS.join(", ")}`);
  return name as CorpusName;
}

export function checkFraction(fraction: number): void {
  if (!(fraction > 0 && fraction <= 1)) throw new FinetuneError(`--fraction must be in (0, 1], got ${fraction}`);
}

/** Training records a fraction of a split of `count` records gives. */
export const subsetSize = (count: number, fraction: number) => Math.round(fraction * count);

/** The artefact's metadata from its model.json alone (no weights decoded, no backend needed). */
export function readArtefactMetadata(dir: string): ArtefactMetadata {
  const path = join(dir, MODEL_JSON);
  if (!existsSync(dir)) throw new ModelArtefactError(`no model folder ${dir}`);
  if (!existsSync(path)) throw new ModelArtefactError(`${dir} is not a model artefact: it has no ${MODEL_JSON} (save one with npm run train -- ... --save-model DIR)`);
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(readFileSync(path, "utf8")) as tf.io.ModelJSON;
  } catch (error) {
    throw new ModelArtefactError(`${path} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (json.format !== ARTEFACT_FORMAT) throw new ModelArtefactError(`${path}: format "${json.format}" is not ${ARTEFACT_FORMAT}`);
  const metadata = (json.userDefinedMetadata as {ecgScaling?: ArtefactMetadata} | undefined)?.ecgScaling;
  if (!metadata || metadata.artefactVersion !== ARTEFACT_VERSION) throw new ModelArtefactError(`${path}: artefact version ${metadata?.artefactVersion} is not ${ARTEFACT_VERSION}`);
  return metadata;
}

/**
 * Checks what can be checked without a backend or a corpus: the folder holds a model, the dataset is an OOD task,
 * the fraction is in (0, 1] and gives at least MIN_FINETUNE_RECORDS records of the training split the dataset has
 * when built with the model's corpus options. Returns the model's metadata and the subset's size.
 */
export function checkFinetuneInput(dir: string, dataset: string, fraction: number): {metadata: ArtefactMetadata; records: number; trainRecords: number} {
  const metadata = readArtefactMetadata(dir);
  const name = checkFinetuneDataset(dataset);
  checkFraction(fraction);
  const size = corpusConfig(name, metadata.input.corpusOptions).size;
  const trainRecords = size.kind === "records" ? size.train : NaN;
  const records = subsetSize(trainRecords, fraction);
  if (Number.isFinite(records)) checkSubset(name, records, trainRecords, fraction);
  return {metadata, records, trainRecords};
}

function checkSubset(name: string, records: number, trainRecords: number, fraction: number): void {
  if (records < MIN_FINETUNE_RECORDS) {
    throw new FinetuneError(
      `--fraction ${fraction} of ${name}'s ${trainRecords} training records is ${records}; fine-tuning needs at least ${MIN_FINETUNE_RECORDS} (--fraction >= ${(MIN_FINETUNE_RECORDS - 0.5) / trainRecords > 1 ? "more than 1" : ((MIN_FINETUNE_RECORDS - 0.5) / trainRecords).toPrecision(2)})`
    );
  }
}

/** The seeded subset: the first `records` of a permutation of [0, count) (nested across fractions for one seed). */
export function finetuneSubset(count: number, records: number, seed: number, dataset: string): number[] {
  const rng = new Rng(deriveSeed(seed, "finetune-subset", dataset));
  const order = Array.from({length: count}, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, records);
}

/** The budget for a subset of `records` records, the options' overrides applied. */
export function finetuneBudget(records: number, options: Pick<FinetuneOptions, "batch" | "steps" | "evalEvery" | "patience" | "learningRates"> = {}) {
  const d = FINETUNE_DEFAULTS;
  const batch = Math.min(options.batch ?? d.batch, records);
  const steps = options.steps ?? Math.min(d.maxSteps, Math.max(d.minSteps, Math.ceil((d.epochs * records) / batch)));
  const evalEvery = options.evalEvery ?? Math.max(1, Math.ceil(steps / d.evaluations));
  const patience = options.patience ?? d.patience;
  const learningRates = [...(options.learningRates ?? FINETUNE_LEARNING_RATES)];
  for (const [name, v] of Object.entries({batch, steps, evalEvery, patience})) {
    if (!Number.isInteger(v) || v < 1) throw new FinetuneError(`${name} must be a positive whole number, got ${v}`);
  }
  if (learningRates.length === 0 || !learningRates.every((lr) => lr > 0 && Number.isFinite(lr))) throw new FinetuneError(`learning rates must be positive numbers, got ${learningRates.join(", ")}`);
  return {batch, steps, evalEvery, patience, learningRates};
}

type Snapshot = Float32Array[];

async function snapshot(variables: readonly tf.Variable[]): Promise<Snapshot> {
  return Promise.all(variables.map(async (v) => new Float32Array((await v.data()) as Float32Array)));
}

function restore(variables: readonly tf.Variable[], values: Snapshot): void {
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(values[i]!, v.shape))));
}

/** Per-record losses, macro AUROC and scores of a split under the model (inference mode). */
export async function scoreSplit(model: {family: FamilyModel; head: Dense}, split: CorpusSplit, task: Corpus["task"]): Promise<{perRecord: Float64Array; auroc?: number}> {
  const k = task.classes.length;
  const logits = await mapInChunks(split.count, k, (indices) => tf.tidy(() => applyDense(model.family.trainableFeatures!(split, indices, false), model.head)));
  return scoreLogits(logits, split, task);
}

/** Per-record losses (BCE averaged over labels, or softmax cross-entropy) and macro AUROC of logits [count, classes]. */
export function scoreLogits(logits: ArrayLike<number>, split: Pick<CorpusSplit, "count" | "labels">, task: Corpus["task"]): {perRecord: Float64Array; auroc?: number} {
  const k = task.classes.length;
  const n = split.count;
  if (task.kind === "multilabel") {
    const labels = Float64Array.from(split.labels);
    return {perRecord: perRecordBce(logits, labels, k), auroc: macroAuroc(logits, labels, k).macro};
  }
  const perRecord = new Float64Array(n);
  const probabilities = new Float64Array(n * k);
  const oneHot = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, logits[i * k + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logits[i * k + c]! - max);
    const lse = max + Math.log(sum);
    const y = split.labels[i]!;
    perRecord[i] = lse - logits[i * k + y]!;
    for (let c = 0; c < k; c++) probabilities[i * k + c] = Math.exp(logits[i * k + c]! - lse);
    oneHot[i * k + y] = 1;
  }
  return {perRecord, auroc: macroAuroc(probabilities, oneHot, k).macro};
}

export async function finetune(dir: string, dataset: string, options: FinetuneOptions): Promise<FinetuneRecord> {
  const startedAt = performance.now();
  const {metadata} = checkFinetuneInput(dir, dataset, options.fraction);
  const name = dataset as CorpusName;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0) throw new FinetuneError(`seed must be a non-negative whole number, got ${seed}`);
  const load = options.loadCorpus ?? loadCorpusDefault;
  const corpusOptions = {...metadata.input.corpusOptions, cacheDir: options.cacheDir};
  const data = load(name, corpusOptions);
  const records = subsetSize(data.splits.train.count, options.fraction);
  checkSubset(name, records, data.splits.train.count, options.fraction);
  const subset = finetuneSubset(data.splits.train.count, records, seed, name);
  const budget = finetuneBudget(records, options);
  const task = data.task;
  const k = task.classes.length;
  // The key is known before any training: a stored fine-tuning is returned as it was.
  const finetuneConfig: FinetuneConfig = {
    model: metadata.run.key,
    family: metadata.run.config.family,
    size: metadata.run.config.size,
    init: options.scratch ? "scratch" : "pretrained",
    dataset: name,
    corpus: metadata.input.corpusOptions,
    fraction: options.fraction,
    seed,
    ...budget,
    learningRates: budget.learningRates
  };
  const key = runKey(finetuneConfig, TRAINING_CODE_VERSION);
  if (options.store && !options.rerun) {
    const stored = options.store.read<FinetuneConfig, FinetuneRecord>(key);
    if (stored) return {...stored.result, fromStore: true};
  }

  // The start: the saved weights, or the same architecture from the factory with `seed`.
  let family: FamilyModel;
  let config: TrainConfig;
  if (options.scratch) {
    config = resolveTrainConfig({...metadata.run.config, seed});
    const id = load(config.corpus.name as CorpusName, corpusOptions);
    family = createFamily(config, id);
  } else {
    const loaded = loadModelArtefact(dir, {cacheDir: options.cacheDir, loadCorpus: options.loadCorpus});
    family = loaded.family;
    config = loaded.config;
  }
  const head = dense(new Initializer(deriveSeed(seed, "finetune-head"), "finetune-head"), "head", family.featureDims, k);
  const optimizers: Optimizer[] = [];
  try {
    if (!family.trainableFeatures || !family.backboneTrainable) throw new FinetuneError(`${config.family} cannot be fine-tuned: its model has no trainableFeatures`);
    const trainable = [...family.backboneTrainable, head.w, head.b];
    const all = [...trainable, ...family.state];
    const start = await snapshot(all);
    const model = {family, head};
    const params = trainable.reduce((sum, v) => sum + v.size, 0);

    const lossOn = (indices: number[], step: number): tf.Scalar =>
      tf.tidy(() => {
        const logits = applyDense(family.trainableFeatures!(data.splits.train, indices, true, step), head);
        if (task.kind === "multilabel") {
          const y = new Float32Array(indices.length * k);
          indices.forEach((r, b) => {
            for (let c = 0; c < k; c++) y[b * k + c] = data.splits.train.labels[r * k + c]!;
          });
          return binaryCrossEntropyWithLogits(logits, tf.tensor2d(y, [indices.length, k]));
        }
        return softmaxCrossEntropy(logits, tf.tensor1d(Int32Array.from(indices, (r) => data.splits.train.labels[r]!), "int32"));
      });
    const validate = async (): Promise<{loss: number; se: number}> => {
      const {mean, se} = meanAndSe((await scoreSplit(model, data.splits.val, task)).perRecord);
      return {loss: mean, se};
    };

    const runs: LearningRateRun[] = [];
    let best: {rate: number; step: number; valLoss: number; weights: Snapshot} | undefined;
    // With a store, the rates already run (an interrupted fine-tuning) are taken from its checkpoint.
    const checkpointFile = options.store?.checkpointPath(key);
    const resumed = checkpointFile && !options.rerun ? loadFinetuneCheckpoint<LearningRateRun>(checkpointFile, key) : undefined;
    if (resumed) {
      runs.push(...resumed.checkpoint.runs);
      const b = resumed.checkpoint.best;
      if (b && resumed.weights && resumed.weights.length === all.length && resumed.weights.every((w, i) => w.length === all[i]!.size)) best = {...b, weights: resumed.weights};
      else if (b) runs.length = 0; // weights missing or of another shape: start over
    }
    for (const [rate, learningRate] of budget.learningRates.entries()) {
      if (rate < runs.length) continue;
      restore(all, start);
      const optimizer = new Optimizer("adam", 0);
      optimizers.push(optimizer);
      const sampler = new EpochSampler(records, deriveSeed(seed, "finetune-order"));
      const stopper = new EarlyStopper({patience: budget.patience, minDelta: 0});
      const progress = (p: Omit<FinetuneProgress, "rate" | "rates" | "learningRate" | "steps">) =>
        options.onProgress?.({rate, rates: budget.learningRates.length, learningRate, steps: budget.steps, ...p});
      progress({step: 0, phase: "evaluating"});
      const initial = await validate();
      const run: LearningRateRun = {learningRate, stepsDone: 0, stoppedEarly: false, diverged: false, bestValLoss: Infinity, evaluations: [{step: 0, trainLoss: null, valLoss: initial.loss, valLossSe: initial.se}]};
      runs.push(run);
      let runBest: Snapshot | undefined;
      let lossSum = 0;
      let lossCount = 0;
      for (let step = 1; step <= budget.steps; step++) {
        const indices = sampler.next(budget.batch).map((p) => subset[p]!);
        const {value, grads} = tf.variableGrads(() => lossOn(indices, step - 1), trainable);
        optimizer.apply(grads, trainable, learningRate);
        const loss = (await value.data())[0]!;
        tf.dispose([value, ...Object.values(grads)]);
        run.stepsDone = step;
        if (!Number.isFinite(loss)) {
          run.diverged = true;
          break;
        }
        lossSum += loss;
        lossCount++;
        const evaluating = step % budget.evalEvery === 0 || step === budget.steps;
        progress({step, loss, phase: evaluating ? "evaluating" : "training"});
        if (!evaluating) continue;
        const val = await validate();
        run.evaluations.push({step, trainLoss: lossSum / lossCount, valLoss: val.loss, valLossSe: val.se});
        lossSum = 0;
        lossCount = 0;
        if (Number.isFinite(val.loss) && val.loss < run.bestValLoss) {
          run.bestValLoss = val.loss;
          run.bestStep = step;
          runBest = await snapshot(all);
        }
        progress({step, loss, valLoss: val.loss, phase: "training"});
        if (stopper.observe(val.loss) && step < budget.steps) {
          run.stoppedEarly = true;
          break;
        }
      }
      if (runBest && (!best || run.bestValLoss < best.valLoss)) best = {rate, step: run.bestStep!, valLoss: run.bestValLoss, weights: runBest};
      if (checkpointFile) saveFinetuneCheckpoint(checkpointFile, {key, runs, ...(best ? {best: {rate: best.rate, step: best.step, valLoss: best.valLoss}} : {})}, best?.weights);
    }
    if (!best) throw new FinetuneError(`no learning rate of ${budget.learningRates.join(", ")} gave a finite validation loss after step 0`);

    // The chosen rate's best weights, measured once on the test split.
    restore(all, best.weights);
    options.onProgress?.({rate: best.rate, rates: budget.learningRates.length, learningRate: budget.learningRates[best.rate]!, step: best.step, steps: budget.steps, phase: "testing"});
    const val = meanAndSe((await scoreSplit(model, data.splits.val, task)).perRecord);
    const scored = await scoreSplit(model, data.splits.test, task);
    const test = meanAndSe(scored.perRecord);
    const constant = constantLoss(data, subset);

    const backend = backendInfo();
    const record: FinetuneRecord = {
      format: FINETUNE_FORMAT,
      version: FINETUNE_VERSION,
      key,
      codeVersion: TRAINING_CODE_VERSION,
      config: finetuneConfig,
      model: {dir, runKey: metadata.run.key, family: metadata.model.family, size: metadata.model.sizeLabel, params: metadata.model.params, featureDims: family.featureDims, chosenStep: metadata.checkpoint.step},
      dataset: {name, hash: data.hash, kind: task.kind, classes: [...task.classes], records: {train: data.splits.train.count, val: data.splits.val.count, test: data.splits.test.count}},
      records,
      params,
      learningRate: budget.learningRates[best.rate]!,
      step: best.step,
      stepsDone: runs.reduce((sum, r) => sum + r.stepsDone, 0),
      runs,
      val: {loss: val.mean, lossSe: val.se},
      test: {loss: test.mean, lossSe: test.se, ...(scored.auroc !== undefined ? {auroc: scored.auroc} : {}), constantLoss: constant.mean, constantLossSe: constant.se},
      backend: {name: backend.name, version: backend.version, threads: backend.threads},
      wallSeconds: (performance.now() - startedAt) / 1000
    };
    await options.onTrained?.({family, head, dataset: data, subset});
    options.store?.write({key, codeVersion: TRAINING_CODE_VERSION, config: finetuneConfig, result: record});
    if (checkpointFile) removeFinetuneCheckpoint(checkpointFile);
    return record;
  } finally {
    for (const o of optimizers) o.dispose();
    tf.dispose([head.w, head.b]);
    family.dispose();
  }
}

/** The constant predictor's test loss: the subset's label prevalences (or class frequencies), floored as the probe's. */
function constantLoss(data: Corpus, subset: number[]): {mean: number; se: number} {
  const {kind, classes} = data.task;
  const k = classes.length;
  const train = data.splits.train;
  const y = kind === "multilabel" ? Float64Array.from(subset.flatMap((r) => Array.from(train.labels.subarray(r * k, (r + 1) * k)))) : Float64Array.from(subset, (r) => train.labels[r]!);
  const bias = constantBias(y, subset.length, {kind, classes: k});
  const test = data.splits.test;
  const logits = new Float64Array(test.count * k);
  for (let i = 0; i < test.count; i++) logits.set(bias, i * k);
  return meanAndSe(scoreLogits(logits, test, data.task).perRecord);
}
