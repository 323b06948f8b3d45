// The power analysis's inputs from a run store: a study's current runs, its pilot measurements, and the cost model.
import {runRow} from "../runs/to-rows.js";
import {type RunStore, type StoredRun, TRAINING_CODE_VERSION, planStudy, studyByName} from "../../training/studies.js";
import type {TrainConfig, RunRecord} from "../../training/models.js";
import {costSample, fitCostModel, type CostModel, type CostSample} from "./cost.js";
import {measurePilot, type Pilot} from "./pilot.js";

export type Stored = StoredRun<TrainConfig, RunRecord>;

/** Runs of a study in the store, trained by this training code. */
export function studyRuns(store: RunStore, name: string): Stored[] {
  const plan = planStudy(studyByName(name), TRAINING_CODE_VERSION);
  return plan.filter((r) => store.has(r.key)).map((r) => store.read<TrainConfig, RunRecord>(r.key)!);
}

/** The pilot measured on a study's runs (every OOD task of the study, or only `datasets`). */
export function pilotFromStore(store: RunStore, name: string, datasets?: string[]): Pilot {
  const study = studyByName(name);
  const runs = studyRuns(store, name);
  if (runs.length === 0) throw new Error(`no run of the pilot study ${name} (training code ${TRAINING_CODE_VERSION}) in ${store.dir}`);
  const rows = runs.map((run) => runRow(name, run, study.ood));
  return measurePilot(name, rows, study.families, datasets ?? ["id", ...study.ood]);
}

/**
 * The cost model: level from the study's current runs on this machine, the training time's exponent
 * from every other stored run with a batch of at least 32 (older code, other machines: a wider range of sizes).
 */
export function costModelFromStore(store: RunStore, name: string): {model: CostModel; samples: CostSample[]; shape: CostSample[]; current: Stored[]} {
  const current = studyRuns(store, name);
  const keys = new Set(current.map((r) => r.key));
  const samples = current.map(costSample);
  const shapeRuns = store.list<TrainConfig, RunRecord>().filter((r) => !keys.has(r.key) && (r.codeVersion !== TRAINING_CODE_VERSION || r.config.corpus.scale !== current[0]?.config.corpus.scale) && r.config.batch >= 32);
  const shape = shapeRuns.map(costSample);
  const model = fitCostModel(samples, `${current.length} runs of study ${name} (${samples[0]?.kernel ?? "?"} kernels), training-time exponents from ${shape.length} other runs`, shape);
  return {model, samples, shape, current};
}
