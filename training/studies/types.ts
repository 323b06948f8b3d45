import type {ModelSize} from "../families/architecture.js";
import type {Family, TrainConfigInput} from "../train/config.js";
import type {EvalRule, StepRule} from "./steps.js";
import type {LabelScenario} from "../corpus/label-subsets.js";
import type {SlLossConfig} from "../families/sl-labels.js";

/**
 * A study: the grid of runs whose results the report shows. Small typed files, one
 * per study (nanoGPT-style overrides): the families, the N ladder (model sizes per
 * architecture), the D ladder (pre-training records), the step budget and evaluation
 * interval, the OOD datasets, the seeds.
 */
export interface Study {
  name: string;
  description: string;
  families: Family[];
  /** The N ladder of each architecture the families use, keyed by architecture name (training/families/registry.ts). */
  sizes: {[architecture: string]: ModelSize[]};
  records: number[];
  /** A fixed number of steps for every run, or a rule that grows them with D (steps.ts). */
  steps: number | StepRule;
  /** Evaluation interval in steps, or a number of evaluations per run. */
  evalEvery: EvalRule;
  ood: string[];
  seeds: number[];
  /**
   * Further seeds for some data sizes only (replicate cells: seed-to-seed spread, lack-of-fit tests), in every
   * family or only in `families`.
   */
  replicates?: {records: number[]; seeds: number[]; families?: Family[]};
  corpus: {name: string; seed: number; scale: number; evalScale?: number; edition?: 2};
  /**
   * Label-scaling studies (issue 16): every supervised run is repeated for each scenario x fraction (its label
   * subset seeded by the run's seed) with `loss`; self-supervised families train once per cell (their objectives
   * read no labels). Absent: every run trains on every class with BCE.
   */
  labelSubsets?: {scenarios: LabelScenario[]; fractions: number[]; loss?: SlLossConfig};
  /** Other training settings shared by every run (batch, learning rate, ...). */
  train?: Partial<Omit<TrainConfigInput, "family" | "size" | "records" | "steps" | "evalEvery" | "ood" | "seed" | "corpus">>;
}
