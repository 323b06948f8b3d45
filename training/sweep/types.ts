import type {TrainConfig} from "../train/config.js";

/** A run the sweep may train: its config and the key naming it in the store. */
export interface PlannedRun {
  key: string;
  config: TrainConfig;
  /** Relative cost used for ordering and ETA: forward MACs x batch x steps (0 when unknown). */
  cost: number;
}

/** What a trainer module reports while it trains (sent from the worker to the parent). */
export interface TrainProgress {
  step: number;
  steps: number;
  loss?: number;
  /** Training throughput (optimisation steps only, evaluations left out). */
  samplesPerSecond?: number;
  /** What the run is doing now: a bar that stands still while it evaluates says so. */
  phase?: "training" | "evaluating" | "probing";
  /** Seconds left, evaluations and the final OOD probes included where they have been measured. */
  etaSeconds?: number;
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
