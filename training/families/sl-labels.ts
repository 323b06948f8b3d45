// What a supervised family trains on and is judged by (issue 16, the label-scaling study): every class of the
// ID corpus with BCE (the default, unchanged for every existing run), or a label subset of a long-tailed corpus
// (training/corpus/label-subsets.ts: the head predicts the subset's training classes; evaluation is BCE and macro
// AUROC on the scenario's fixed classes only, so runs of one scenario at different fractions are compared on the
// same classes) with BCE or focal loss.
import * as tf from "@tensorflow/tfjs-core";
import type {Corpus, CorpusSplit} from "../corpus/index.js";
import {classCounts, labelSubset, type LabelScenario, type LabelSubset} from "../corpus/label-subsets.js";
import {binaryCrossEntropyWithLogits} from "../models/ops/loss.js";
import {focalLossWithLogits} from "../models/ops/focal-loss.js";
import {macroAuroc} from "../eval/auroc.js";
import {labelBatch} from "./batches.js";
import {meanAndSe, perRecordBce} from "./held-out.js";
import {ConfigError} from "../util/errors.js";

/** A label-scaling run's training labels: a scenario's subset at a fraction of the classes (seed: the run's). */
export interface LabelSubsetConfig {
  scenario: LabelScenario;
  fraction: number;
}

/** The supervised training loss: absent = binary cross-entropy; focal = Lin et al. 2017 on logits. */
export interface SlLossConfig {
  kind: "focal";
  gamma: number;
  alpha?: number;
}

export interface SlLabelInput {
  seed: number;
  labels?: LabelSubsetConfig;
  loss?: SlLossConfig;
}

export interface SlLabels {
  /** Classes of the head (corpus class indices, ascending). */
  headClasses: number[];
  /** The subset, when the run trains on one. */
  subset: LabelSubset | null;
  /** Targets [indices.length, headClasses.length] of records of a split. */
  targets(split: CorpusSplit, indices: ArrayLike<number>): Float32Array;
  /** The training objective on the head's logits. */
  loss(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar;
  /** ID evaluation from the head's logits on a whole split: mean per-record BCE, its SE and macro AUROC on the evaluation classes. */
  evaluate(scores: Float32Array, split: CorpusSplit): {loss: number; lossSe: number; auroc: number | undefined};
}

export function checkSlLabelConfig(run: SlLabelInput & {family: string}, supervised: boolean): void {
  if (!run.labels && !run.loss) return;
  if (!supervised) throw new ConfigError(`${run.family} does not read labels: labels and loss apply to supervised families only`);
  if (run.labels) {
    const {scenario, fraction} = run.labels;
    if (scenario !== "dominant" && scenario !== "tail") throw new ConfigError(`labels.scenario must be "dominant" or "tail", got ${JSON.stringify(scenario)}`);
    if (!(fraction > 0 && fraction <= 1)) throw new ConfigError(`labels.fraction must lie in (0, 1], got ${fraction}`);
  }
  if (run.loss) {
    if (run.loss.kind !== "focal") throw new ConfigError(`loss.kind must be "focal" (absent: binary cross-entropy), got ${JSON.stringify(run.loss.kind)}`);
    if (!(run.loss.gamma >= 0) || !Number.isFinite(run.loss.gamma)) throw new ConfigError(`loss.gamma must be a finite number >= 0, got ${run.loss.gamma}`);
    if (run.loss.alpha !== undefined && !(run.loss.alpha >= 0 && run.loss.alpha <= 1)) throw new ConfigError(`loss.alpha must lie in [0, 1], got ${run.loss.alpha}`);
  }
}

export function slLabels(run: SlLabelInput, id: Corpus): SlLabels {
  const classes = id.task.classes.length;
  const lossOf = run.loss
    ? (logits: tf.Tensor, targets: tf.Tensor) => focalLossWithLogits(logits, targets, {gamma: run.loss!.gamma, alpha: run.loss!.alpha})
    : binaryCrossEntropyWithLogits;
  if (!run.labels) {
    // Every class: exactly the code path of the runs trained before label subsets existed.
    return {
      headClasses: Array.from({length: classes}, (_, c) => c),
      subset: null,
      targets: (split, indices) => labelBatch(split, indices, classes),
      loss: lossOf,
      evaluate: (scores, split) => {
        const labels = labelBatch(split, Array.from({length: split.count}, (_, i) => i), classes);
        const {mean, se} = meanAndSe(perRecordBce(scores, labels, classes));
        return {loss: mean, lossSe: se, auroc: macroAuroc(scores, labels, classes).macro};
      }
    };
  }
  if (id.task.kind !== "multilabel") throw new ConfigError(`label subsets need a multi-label ID corpus; ${id.name} is ${id.task.kind}`);
  // Class frequencies of the whole pre-training pool, so every D of a study trains on the same classes.
  const subset = labelSubset(classCounts(id.splits.train.labels, classes), run.labels.scenario, run.labels.fraction, run.seed);
  const head = subset.training;
  const evalInHead = subset.evaluation.map((c) => head.indexOf(c));
  const columns = (split: CorpusSplit, indices: ArrayLike<number>, chosen: readonly number[]) => {
    const out = new Float32Array(indices.length * chosen.length);
    for (let b = 0; b < indices.length; b++) {
      const row = indices[b]! * classes;
      for (let j = 0; j < chosen.length; j++) out[b * chosen.length + j] = split.labels[row + chosen[j]!]!;
    }
    return out;
  };
  return {
    headClasses: head,
    subset,
    targets: (split, indices) => columns(split, indices, head),
    loss: lossOf,
    evaluate: (scores, split) => {
      const k = evalInHead.length;
      const picked = new Float32Array(split.count * k);
      for (let i = 0; i < split.count; i++) for (let j = 0; j < k; j++) picked[i * k + j] = scores[i * head.length + evalInHead[j]!]!;
      const labels = columns(split, Array.from({length: split.count}, (_, i) => i), subset.evaluation);
      const {mean, se} = meanAndSe(perRecordBce(picked, labels, k));
      return {loss: mean, lossSe: se, auroc: macroAuroc(picked, labels, k).macro};
    }
  };
}
