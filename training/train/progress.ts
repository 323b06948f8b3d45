/** What the trainer reports while it trains (the sweep's workers send it on to the parent). */
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
