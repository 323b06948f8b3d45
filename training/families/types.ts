import type * as tf from "@tensorflow/tfjs-core";
import type {LabelSubsetConfig, SlLossConfig} from "./sl-labels.js";
import type {Corpus, CorpusSplit} from "../corpus/index.js";
import type {BatchTensors} from "../optim/index.js";
import type {Architecture, ModelSize} from "./architecture.js";
import type {HeldOutLoss} from "./held-out.js";

/** What a family's factory reads of a run's config (training/train/config.ts's TrainConfig is one). */
export interface FamilyRunInput {
  family: string;
  size: ModelSize;
  /** Seed of initial weights, dropout and masks. */
  seed: number;
  /** Records per step. */
  batch: number;
  /** Supervised families: train on a label subset (absent: every class of the ID corpus). */
  labels?: LabelSubsetConfig;
  /** Supervised families: the training loss (absent: binary cross-entropy). */
  loss?: SlLossConfig;
}

/**
 * A model family (architecture x paradigm) as the rest of the code sees it: declared once, in its own module,
 * and listed in registry.ts. The trainer, the CLI, the studies, the loaders and the cost, memory and ETA
 * estimates read it; nothing else names a family.
 */
export interface FamilySpec {
  /** The key in run configs and tables ("resnet-sl"). */
  readonly name: string;
  readonly architecture: Architecture;
  /** Supervised on the ID labels, or self-supervised. */
  readonly paradigm: "sl" | "ssl";
  /** How pages and findings write it ("ResNet-SL"). */
  readonly displayName: string;
  /** The model for one run; `id` is the ID corpus (its label set). */
  create(run: FamilyRunInput, id: Corpus): FamilyModel;
  /** Backbone parameters and forward MACs per pre-training record, from the size alone (no tensors; heads left out). */
  backbone(size: ModelSize): {params: number; macsPerSample: number};
  /** Activations one record keeps for the backward pass (floats), for the memory guard. */
  activationsPerSample(size: ModelSize): number;
  /** Checks a run config beyond its size (throws ConfigError), e.g. a contrastive batch needs negatives. */
  checkRun?(run: FamilyRunInput): void;
  /** Whether the family reads the beat codebook (built once before a sweep starts its workers). */
  readonly usesCodebook?: boolean;
}

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
  /**
   * Fine-tuning (training/finetune/): the backbone's features of records `indices` of a split as a tensor that
   * gradients flow through, [indices.length, featureDims], read where `features` reads them (on the 10-s record).
   * In training mode dropout is on (its masks a function of `step` when given, as in trainBatch) and batch
   * norm uses and updates batch statistics. Optional: a family without it cannot be fine-tuned.
   */
  trainableFeatures?(split: CorpusSplit, indices: number[], training: boolean, step?: number): tf.Tensor2D;
  /** The backbone's trainable variables (the pre-training head left out), with `trainableFeatures`. */
  readonly backboneTrainable?: tf.Variable[];
  dispose(): void;
}
