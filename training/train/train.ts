/**
 * One training run: pre-train a family on the first D records of the ID corpus for a
 * step budget (linear warm-up, cosine decay), evaluate every k steps (ID objective on
 * the held-out test split, ID validation loss for early stopping and the checkpoint choice,
 * linear probes on the OOD datasets) and return a plain-JSON run record whose reported
 * metrics are those of the evaluation with the lowest validation loss. Never prints: progress goes to
 * `onProgress`. The backend must have been chosen by the entry point (initBackend).
 */
import * as tf from "@tensorflow/tfjs-core";
import {backendInfo} from "../backend/index.js";
import {loadCorpus as loadCorpusDefault, type Corpus, type CorpusName, type LoadCorpusOptions} from "../corpus/index.js";
import {createFamily} from "../families/index.js";
import type {FamilyModel} from "../families/types.js";
import {accumulateGradients} from "../optim/index.js";
import type {TrainProgress} from "./progress.js";
import {loadCheckpoint, removeCheckpoint, saveCheckpoint} from "./checkpoint.js";
import {ConfigError, resolveTrainConfig, type TrainConfig} from "./config.js";
import {EarlyStopper} from "./early-stop.js";
import {probeAll} from "./evaluate.js";
import {Optimizer} from "./optimizer.js";
import type {Evaluation, RunRecord} from "./run-record.js";
import {EpochSampler} from "./sampler.js";
import {learningRate} from "./schedule.js";

export interface TrainOptions {
  /** Where to checkpoint at every evaluation; a checkpoint found there is resumed. */
  checkpointPath?: string;
  onProgress?: (progress: TrainProgress) => void;
  /** Samples per gradient micro-batch (default: the whole batch). */
  microBatch?: number;
  /** Corpus loading (tests inject small corpora). */
  loadCorpus?: (name: CorpusName, options: LoadCorpusOptions) => Corpus;
  cacheDir?: string;
  /** Also evaluate before the first step (step 0), e.g. to see how far the objective fell. */
  initialEvaluation?: boolean;
  /** Called with the trained model before it is disposed (extra evaluations, e.g. on real records). */
  onTrained?: (family: FamilyModel) => Promise<void>;
}

export class TrainingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrainingError";
  }
}

interface CheckpointMeta {
  step: number;
  sampler: {epoch: number; position: number};
  evaluations: Evaluation[];
  trainSeconds: number;
  elapsedSeconds: number;
  lossSum: number;
  lossCount: number;
  /** Step of the weights kept as the chosen checkpoint so far (lowest validation loss; 0: none yet). */
  chosenStep: number;
}

/** The chosen checkpoint's weights (trainable and state variables, in order), kept in memory and in the checkpoint file. */
type Snapshot = Float32Array[];

export async function train(input: TrainConfig, options: TrainOptions = {}): Promise<RunRecord> {
  const config = resolveTrainConfig(input);
  const backend = backendInfo();
  const load = options.loadCorpus ?? loadCorpusDefault;
  const corpusOptions = {scale: config.corpus.scale, seed: config.corpus.seed, evalScale: config.corpus.evalScale, edition: config.corpus.edition, cacheDir: options.cacheDir};
  const id = load(config.corpus.name as CorpusName, corpusOptions);
  const ood = config.ood.map((name) => load(name as CorpusName, corpusOptions));
  if (config.records > id.splits.train.count) {
    throw new ConfigError(`records (${config.records}) exceeds the ${id.name} training split (${id.splits.train.count}); raise the corpus scale`);
  }

  const family = createFamily(config, id);
  const microBatch = options.microBatch ?? config.batch;
  if (microBatch < config.batch && !family.splittable) {
    family.dispose();
    throw new ConfigError(`${config.family} cannot train in micro-batches (its batch is not a per-sample mean); use a smaller batch instead`);
  }
  const optimizer = new Optimizer(family.optimizer, config.weightDecay);
  const schedule = {
    peak: config.learningRate,
    warmupSteps: Math.round(config.warmupFraction * config.steps),
    totalSteps: config.steps,
    minRatio: config.minLrRatio
  };
  const stopper = new EarlyStopper({patience: config.patience, minDelta: 0});
  let meta: CheckpointMeta = {step: 0, sampler: {epoch: 0, position: 0}, evaluations: [], trainSeconds: 0, elapsedSeconds: 0, lossSum: 0, lossCount: 0, chosenStep: 0};
  let snapshot: Snapshot | undefined;
  if (options.checkpointPath) {
    const resumed = await resume(options.checkpointPath, family, optimizer);
    if (resumed) ({meta, snapshot} = resumed);
  }
  for (const e of meta.evaluations) if (e.step > 0) stopper.observe(e.valLoss);
  const sampler = new EpochSampler(config.records, config.seed, meta.sampler.epoch, meta.sampler.position);
  const startedAt = performance.now() - meta.elapsedSeconds * 1000;
  const elapsed = () => (performance.now() - startedAt) / 1000;
  let stoppedEarly = false;

  try {
    if (options.initialEvaluation && meta.step === 0 && meta.evaluations.length === 0) {
      // Not observed by the early stopper: the best-so-far starts with trained weights.
      meta.evaluations.push(await evaluate(family, id, config, meta, elapsed));
    }
    while (meta.step < config.steps && !stoppedEarly) {
      const t0 = performance.now();
      const indices = sampler.next(config.batch);
      const batch = family.trainBatch(id.splits.train, indices, meta.step);
      const {value, grads} = accumulateGradients((b) => family.loss(b, true), batch, microBatch, family.trainable);
      optimizer.apply(grads, family.trainable, learningRate(meta.step, schedule));
      const loss = (await value.data())[0];
      tf.dispose([value, batch as tf.TensorContainer, grads as tf.TensorContainer]);
      if (!Number.isFinite(loss)) {
        throw new TrainingError(`the training loss became ${loss} at step ${meta.step + 1}; try a lower learning rate (now ${config.learningRate})`);
      }
      meta.trainSeconds += (performance.now() - t0) / 1000;
      meta.lossSum += loss;
      meta.lossCount++;
      meta.step++;
      const evaluating = meta.step % config.evalEvery === 0 || meta.step === config.steps;
      options.onProgress?.({
        step: meta.step,
        steps: config.steps,
        loss,
        samplesPerSecond: (meta.step * config.batch) / meta.trainSeconds,
        phase: evaluating ? "evaluating" : "training",
        etaSeconds: secondsLeft(meta, config, elapsed())
      });

      if (evaluating) {
        const evaluation = await evaluate(family, id, config, meta, elapsed);
        meta.evaluations.push(evaluation);
        meta.lossSum = 0;
        meta.lossCount = 0;
        if (isNewChoice(meta, evaluation)) {
          meta.chosenStep = evaluation.step;
          snapshot = await takeSnapshot(family);
        }
        stoppedEarly = stopper.observe(evaluation.valLoss) && meta.step < config.steps;
        meta.sampler = sampler.state;
        meta.elapsedSeconds = elapsed();
        if (options.checkpointPath && !stoppedEarly && meta.step < config.steps) await checkpoint(options.checkpointPath, meta, family, optimizer, snapshot);
      }
    }
    // The chosen checkpoint's weights are restored; the OOD probes run on them once.
    if (!snapshot) throw new TrainingError("no evaluation after step 0 was taken: no checkpoint can be chosen");
    restoreSnapshot(family, snapshot);
    options.onProgress?.({step: meta.step, steps: config.steps, phase: "probing"});
    const chosen = meta.evaluations.find((e) => e.step === meta.chosenStep)!;
    chosen.ood = await probeAll(family, ood);
    meta.elapsedSeconds = elapsed();
    const result = record(config, family, meta, chosen, stoppedEarly, backend, elapsed());
    await options.onTrained?.(family);
    return result;
  } finally {
    family.dispose();
    optimizer.dispose();
    if (options.checkpointPath && (stoppedEarly || meta.step >= config.steps)) removeCheckpoint(options.checkpointPath);
  }
}

/**
 * Seconds left in a run: the remaining steps at the measured training time per step, plus the evaluations still to
 * come at the measured time per evaluation (unknown before the first one: then the estimate leaves them out).
 */
function secondsLeft(meta: CheckpointMeta, config: TrainConfig, elapsedNow: number): number {
  const perStep = meta.trainSeconds / Math.max(1, meta.step);
  const evaluationsDone = meta.evaluations.filter((e) => e.step > 0).length;
  const evaluationSeconds = evaluationsDone > 0 ? Math.max(0, elapsedNow - meta.trainSeconds) / evaluationsDone : 0;
  return (config.steps - meta.step) * perStep + evaluationsFrom(meta.step, config.steps, config.evalEvery) * evaluationSeconds;
}

/** Evaluations at steps step..steps (every `every` steps and at the last step), the one at `step` included. */
export function evaluationsFrom(step: number, steps: number, every: number): number {
  const multiples = Math.floor(steps / every) - Math.floor((step - 1) / every);
  return multiples + (steps % every !== 0 ? 1 : 0);
}

/** ID losses at one evaluation (validation for the checkpoint choice, test for the curves); the OOD probes run once, at the chosen checkpoint. */
async function evaluate(family: FamilyModel, id: Corpus, config: TrainConfig, meta: CheckpointMeta, elapsed: () => number): Promise<Evaluation> {
  const val = await family.evaluate(id.splits.val);
  const test = await family.evaluate(id.splits.test);
  return {
    step: meta.step,
    trainLoss: meta.lossCount ? meta.lossSum / meta.lossCount : NaN,
    valLoss: val.loss,
    valLossSe: val.lossSe,
    idLoss: test.loss,
    idLossSe: test.lossSe,
    idAuroc: test.auroc,
    ood: [],
    seconds: elapsed()
  };
}

/** Whether an evaluation becomes the chosen checkpoint: a lower validation loss than every earlier one (step 0 never; ties go to the earlier step). */
function isNewChoice(meta: CheckpointMeta, e: Evaluation): boolean {
  if (e.step === 0 || !Number.isFinite(e.valLoss)) return false;
  const current = meta.evaluations.find((x) => x.step === meta.chosenStep && x.step > 0);
  return !current || e.valLoss < current.valLoss;
}

async function takeSnapshot(family: FamilyModel): Promise<Snapshot> {
  return Promise.all([...family.trainable, ...family.state].map(async (v) => new Float32Array((await v.data()) as Float32Array)));
}

function restoreSnapshot(family: FamilyModel, snapshot: Snapshot): void {
  [...family.trainable, ...family.state].forEach((v, i) => v.assign(tf.tensor(snapshot[i], v.shape)));
}

function record(config: TrainConfig, family: FamilyModel, meta: CheckpointMeta, chosen: Evaluation, stoppedEarly: boolean, backend: RunRecord["backend"], wallSeconds: number): RunRecord {
  return {
    family: config.family,
    params: family.params,
    records: config.records,
    macsPerSample: family.macsPerSample,
    stepsDone: meta.step,
    flops: 6 * family.macsPerSample * config.batch * meta.step,
    stoppedEarly,
    evaluations: meta.evaluations,
    best: measuredAt(chosen, config.ood),
    backend,
    wallSeconds,
    samplesPerSecond: (meta.step * config.batch) / Math.max(meta.trainSeconds, 1e-9),
    features: family.featureDescription
  };
}

/**
 * The run's reported measurements: those of its chosen checkpoint (the evaluation with the lowest ID
 * validation loss, tracked by isNewChoice), so no metric is chosen on its own test split.
 */
function measuredAt(chosen: Evaluation, datasets: readonly string[]): RunRecord["best"] {
  const ood: RunRecord["best"]["ood"] = {};
  for (const name of datasets) {
    const o = chosen.ood.find((x) => x.dataset === name);
    if (o) ood[name] = {loss: o.loss, lossSe: o.lossSe, auroc: o.auroc, constantLoss: o.constantLoss};
  }
  return {step: chosen.step, valLoss: chosen.valLoss, idLoss: chosen.idLoss, idLossSe: chosen.idLossSe, idAuroc: chosen.idAuroc, ood};
}

async function checkpoint(path: string, meta: CheckpointMeta, family: FamilyModel, optimizer: Optimizer, snapshot: Snapshot | undefined): Promise<void> {
  const vars = [...family.trainable, ...family.state];
  const variables = vars.map((v, i) => ({name: `model/${i}`, tensor: v as tf.Tensor}));
  const chosen = snapshot ? snapshot.map((values, i) => ({name: `chosen/${i}`, tensor: tf.tensor(values, vars[i].shape)})) : [];
  const optimizerWeights = (await optimizer.getWeights()).map((w) => ({name: `optimizer/${w.name}`, tensor: w.tensor}));
  try {
    await saveCheckpoint(path, meta, [...variables, ...chosen, ...optimizerWeights]);
  } finally {
    tf.dispose(chosen.map((c) => c.tensor));
  }
}

async function resume(path: string, family: FamilyModel, optimizer: Optimizer): Promise<{meta: CheckpointMeta; snapshot?: Snapshot} | undefined> {
  const saved = loadCheckpoint<CheckpointMeta>(path);
  if (!saved || saved.meta.chosenStep === undefined) return undefined; // none, or an older layout: start over
  const variables = [...family.trainable, ...family.state];
  const model = saved.tensors.filter((t) => t.name.startsWith("model/"));
  if (model.length !== variables.length || model.some((t, i) => t.shape.join() !== variables[i].shape.join())) return undefined; // another model's checkpoint
  model.forEach((t, i) => variables[i].assign(tf.tensor(t.values, t.shape)));
  const chosen = saved.tensors.filter((t) => t.name.startsWith("chosen/"));
  const weights = saved.tensors.filter((t) => t.name.startsWith("optimizer/")).map((t) => ({name: t.name.slice("optimizer/".length), tensor: tf.tensor(t.values, t.shape)}));
  await optimizer.setWeights(weights);
  return {meta: saved.meta, snapshot: chosen.length === variables.length ? chosen.map((t) => t.values) : undefined};
}
