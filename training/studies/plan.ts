import {resolveTrainConfig, TRAIN_DEFAULTS, type TrainConfig, type TrainConfigInput} from "../train/config.js";
import {architectureOf, familySpec} from "../families/registry.js";
import {ConfigError} from "../util/errors.js";
import {runKey} from "../store/run-key.js";
import type {PlannedRun} from "../sweep/types.js";
import type {Study} from "./types.js";
import {evalEveryFor, stepsFor} from "./steps.js";

/**
 * Every run of a study: families x their architecture's sizes x records x seeds, each run's steps and
 * evaluation interval from the study's step rule (steps.ts), (plus the
 * replicate seeds at the data sizes that have them), each
 * with its resolved config and key. `costOf` estimates a run's relative cost (forward
 * MACs x batch x steps) for ordering and ETAs.
 */
export function planStudy(study: Study, codeVersion: string, costOf: (config: TrainConfig) => number = () => 0): PlannedRun[] {
  const runs: PlannedRun[] = [];
  const batch = study.train?.batch ?? TRAIN_DEFAULTS.batch;
  for (const family of study.families) {
    const sizes = study.sizes[architectureOf(family)];
    if (!sizes) throw new ConfigError(`study ${study.name} trains ${family} but lists no ${architectureOf(family)} sizes (its \`sizes\` has ${Object.keys(study.sizes).join(", ") || "none"})`);
    for (const size of sizes) {
      for (const records of study.records) {
        const rep = study.replicates;
        const replicated = rep && rep.records.includes(records) && (!rep.families || rep.families.includes(family)) ? rep.seeds.filter((s) => !study.seeds.includes(s)) : [];
        for (const seed of [...study.seeds, ...replicated]) {
          for (const labels of labelVariants(study, family)) {
            const config = resolveTrainConfig({
              ...study.train,
              family,
              size,
              records,
              steps: stepsFor(study.steps, records, batch),
              evalEvery: evalEveryFor(study.evalEvery, stepsFor(study.steps, records, batch)),
              ood: study.ood,
              seed,
              corpus: study.corpus,
              ...labels
            });
            runs.push({key: runKey(config, codeVersion), config, cost: costOf(config)});
          }
        }
      }
    }
  }
  return runs;
}

/** The label settings of a family's runs: one per scenario x fraction for supervised families of a label-scaling
 * study, else a single run without them (so the configs, and keys, of other studies stay as they were). */
function labelVariants(study: Study, family: string): Pick<TrainConfigInput, "labels" | "loss">[] {
  const subsets = study.labelSubsets;
  if (!subsets || familySpec(family).paradigm !== "sl") return [{}];
  return subsets.scenarios.flatMap((scenario) => subsets.fractions.map((fraction) => ({labels: {scenario, fraction}, ...(subsets.loss ? {loss: subsets.loss} : {})})));
}
