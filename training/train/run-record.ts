import type {TrainConfig} from "./config.js";
import type {BackendInfo} from "../backend/index.js";

/** One OOD dataset's linear-probe result at one evaluation (training/eval/linear-probe.ts). */
export interface ProbeScore {
  dataset: string;
  /** Test-split loss of the probe chosen on the validation split. */
  loss: number;
  /** Its standard error over the test records. */
  lossSe?: number;
  auroc?: number;
  /** Test loss of the constant predictor (training-split prevalences): what features must beat. */
  constantLoss?: number;
  /** The chosen L2 strength, and whether its solve met the convergence tolerance. */
  lambda?: number;
  converged?: boolean;
  /** Solver iterations of the chosen fit (older records: Adam epochs). */
  epochs: number;
}

/** Everything measured at one evaluation point. */
export interface Evaluation {
  step: number;
  /** Mean training loss since the previous evaluation. */
  trainLoss: number;
  /** ID validation loss (early stopping, checkpoint choice). */
  valLoss: number;
  valLossSe?: number;
  /** ID test loss: the run's own objective on the held-out ID test split, frozen weights. */
  idLoss: number;
  /** Standard error of idLoss over the evaluation draws (records, or batches for CMSC). */
  idLossSe?: number;
  /** ID macro AUROC over the six labels (SL families only). */
  idAuroc?: number;
  ood: ProbeScore[];
  /** Seconds since the run started (training plus evaluation). */
  seconds: number;
}

/** A finished run, as plain JSON: what the store keeps and the loaders read. */
export interface RunRecord {
  family: TrainConfig["family"];
  /** N: trainable parameters (batch-norm running statistics are not counted). */
  params: number;
  /** D: unique pre-training records. */
  records: number;
  /** Forward MACs per training sample (per record; for CMSC both halves). */
  macsPerSample: number;
  /** Steps actually taken (fewer than the budget after an early stop). */
  stepsDone: number;
  /** C = 6 x MACs x batch x steps. */
  flops: number;
  stoppedEarly: boolean;
  evaluations: Evaluation[];
  /**
   * The run's measurements at its chosen checkpoint: the evaluation with the lowest ID validation loss
   * (the paper reports each metric's best across steps; one checkpoint per run avoids choosing on the
   * test split). Older records (before training-code version 2026-12-05.1) hold per-metric minima.
   */
  best: {
    /** Step of the chosen evaluation. */
    step?: number;
    valLoss: number;
    idLoss: number;
    idLossSe?: number;
    idAuroc?: number;
    ood: Record<string, {loss: number; lossSe?: number; auroc?: number; constantLoss?: number}>;
  };
  backend: BackendInfo;
  wallSeconds: number;
  /** Training samples per second over the training steps (evaluation time excluded). */
  samplesPerSecond: number;
  /** How the feature of a probe was taken (e.g. "global average pool of the last unit"). */
  features: string;
}
