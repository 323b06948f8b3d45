/**
 * One training run's configuration: everything that determines its result. Its hash
 * (with the training-code version) names the run in the store, so two runs with the
 * same config are the same run. Defaults are documented here and applied by
 * `resolveTrainConfig`; study files and the `train` command override them.
 */

import {checkSlLabelConfig, type LabelSubsetConfig, type SlLossConfig} from "../families/sl-labels.js";
import type {ModelSize} from "../families/architecture.js";
import {checkFamilySize, familySpec} from "../families/registry.js";
import {ConfigError} from "../util/errors.js";
import {isOodDataset, OOD_DATASETS} from "../corpus/specs.js";

export {ConfigError};
export type {ModelSize};
/** A family's name ("resnet-sl"); the families are declared in training/families/registry.ts. */
export type Family = string;

export interface TrainConfig {
  family: Family;
  size: ModelSize;
  /** D: unique pre-training records drawn from the ID corpus's training split. */
  records: number;
  /** Optimisation steps (one step = one batch). */
  steps: number;
  /** Records per step. Default 64 (the paper used 128; see the methods page). */
  batch: number;
  /** Peak learning rate. Default 1e-3. */
  learningRate: number;
  /** Warm-up steps as a fraction of `steps`. Default 0.05. */
  warmupFraction: number;
  /** Final learning rate as a fraction of the peak. Default 0.01. */
  minLrRatio: number;
  /** AdamW decoupled weight decay (Transformer-SSL only; the others use Adam). Default 0.01. */
  weightDecay: number;
  /** Evaluate (ID loss, OOD probes) every this many steps, and at the end. */
  evalEvery: number;
  /** Stop after this many evaluations without ID validation improvement. Default 3. */
  patience: number;
  /** OOD datasets probed at each evaluation. */
  ood: string[];
  /** Seed of data order, initial weights, dropout, masks. */
  seed: number;
  /**
   * The corpora: the ID corpus's name, the seed shared with the OOD datasets, the size scale of the
   * pre-training pool and (optional) the size scale of the evaluation splits (ID validation and test,
   * the OOD datasets), set apart so that evaluation noise stays small in small studies; (optional) the
   * generator edition, 2 only (training/synth/edition.ts; absent: edition 1, so older run keys stand).
   */
  corpus: {name: string; seed: number; scale: number; evalScale?: number; edition?: 2};
  /**
   * Supervised families only (the label-scaling study, issue 16): train on a scenario's label subset at a
   * fraction of the classes (training/corpus/label-subsets.ts, seeded by `seed`) and evaluate ID loss and AUROC
   * on the scenario's fixed classes. Absent: every class, as every run before it (run keys unchanged).
   */
  labels?: LabelSubsetConfig;
  /** Supervised families only: the training loss; absent = binary cross-entropy; focal = Lin et al. 2017. */
  loss?: SlLossConfig;
}

export const TRAIN_DEFAULTS = {
  batch: 64,
  learningRate: 1e-3,
  warmupFraction: 0.05,
  minLrRatio: 0.01,
  weightDecay: 0.01,
  patience: 3
} as const satisfies Partial<TrainConfig>;

export type TrainConfigInput = Omit<TrainConfig, keyof typeof TRAIN_DEFAULTS> & Partial<Pick<TrainConfig, keyof typeof TRAIN_DEFAULTS>>;


/** Applies the defaults and checks the values; the result is what the run key hashes. */
export function resolveTrainConfig(input: TrainConfigInput): TrainConfig {
  const config: TrainConfig = {...TRAIN_DEFAULTS, ...input, ood: [...input.ood]};
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`${name} must be a positive whole number, got ${v}`);
  };
  const family = familySpec(config.family);
  checkFamilySize(config.family, config.size);
  positiveInt("records", config.records);
  positiveInt("steps", config.steps);
  positiveInt("batch", config.batch);
  positiveInt("evalEvery", config.evalEvery);
  positiveInt("patience", config.patience);
  family.checkRun?.(config);
  checkSlLabelConfig(config, family.paradigm === "sl");
  const unknownOod = config.ood.filter((name) => !isOodDataset(name));
  if (unknownOod.length) throw new ConfigError(`unknown OOD dataset(s) ${unknownOod.join(", ")}; known: ${OOD_DATASETS.join(", ")}`);
  if (!(config.learningRate > 0)) throw new ConfigError(`learningRate must be positive, got ${config.learningRate}`);
  if (!(config.warmupFraction >= 0 && config.warmupFraction < 1)) throw new ConfigError(`warmupFraction must be in [0, 1), got ${config.warmupFraction}`);
  if (!(config.minLrRatio >= 0 && config.minLrRatio <= 1)) throw new ConfigError(`minLrRatio must be in [0, 1], got ${config.minLrRatio}`);
  return config;
}
