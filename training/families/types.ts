import type * as tf from "@tensorflow/tfjs-core";
import type {CorpusSplit} from "../corpus/index.js";
import type {BatchTensors} from "../optim/index.js";
import type {HeldOutLoss} from "./held-out.js";

/**
 * One architecture x paradigm, built for one run: the backbone and its pre-training
 * head, how a training batch is made, the objective, the ID evaluation and the frozen
 * features the OOD probes read. The trainer (training/train/train.ts) drives it.
 */
export interface FamilyModel {
  /** N: trainable parameters of backbone and pre-training head. */
  readonly params: number;
  /** Forward MACs per pre-training record (both CMSC halves; every token). */
  readonly macsPerSample: number;
  readonly trainable: tf.Variable[];
  /** Non-trainable state (batch-norm running statistics), checkpointed with the weights. */
  readonly state: tf.Variable[];
  readonly featureDims: number;
  /** Where the probe features come from, for the run record and the methods page. */
  readonly featureDescription: string;
  readonly optimizer: "adam" | "adamw";
  /** Whether a training batch may be cut into micro-batches along axis 0 (gradient accumulation). */
  readonly splittable: boolean;
  /** Tensors of one training batch (samples on axis 0, so micro-batches slice cleanly). */
  trainBatch(split: CorpusSplit, indices: number[], step: number): BatchTensors;
  /** Mean objective over a (micro-)batch. */
  loss(batch: BatchTensors, training: boolean): tf.Scalar;
  /**
   * The objective on a held-out split with frozen weights, with its standard error; batches and masks
   * drawn as in training from a fixed seed (held-out.ts); macro AUROC for SL.
   */
  evaluate(split: CorpusSplit): Promise<HeldOutLoss>;
  /** Frozen-backbone features of every record of a split: count x featureDims, row-major. */
  features(split: CorpusSplit): Promise<Float32Array>;
  /**
   * Supervised families only: the label head's probabilities (sigmoid of the logits) for every record of a
   * split, count x classes, row-major (zero-shot evaluation on real records; bench/zero-shot.bench.ts).
   */
  predict?(split: CorpusSplit): Promise<Float32Array>;
  dispose(): void;
}
