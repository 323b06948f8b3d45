import type {TrainConfig} from "../train/config.js";
import type {TrainProgress} from "../train/progress.js";

/** A run the sweep may train: its config and the key naming it in the store. */
export interface PlannedRun {
  key: string;
  config: TrainConfig;
  /** Relative cost used for ordering and ETA: forward MACs x batch x steps (0 when unknown). */
  cost: number;
}

/** Context a trainer module gets for one run. */
export interface TrainContext {
  key: string;
  /** Where to keep a checkpoint so a killed run resumes instead of restarting. */
  checkpointPath: string;
  onProgress(progress: TrainProgress): void;
}

/**
 * A trainer module (default export): trains one config and returns its plain-JSON
 * result. The sweep's worker processes load it by path, so tests can swap in a fake.
 */
export type TrainerModule = (config: TrainConfig, context: TrainContext) => Promise<unknown>;

/** Messages between the sweep and its workers. */
export type ToWorker = {type: "train"; run: PlannedRun; storeDir: string; codeVersion: string};
export type FromWorker =
  | {type: "ready"}
  | {type: "progress"; key: string; progress: TrainProgress}
  | {type: "done"; key: string; seconds: number}
  | {type: "failed"; key: string; message: string};
