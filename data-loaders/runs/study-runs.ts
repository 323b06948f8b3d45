// The runs of the configured study (STUDY, default in DEFAULT_STUDY) from the run store.
// Missing runs are trained first, with a notice and progress on stderr, unless
// NO_TRAIN=1 (or --no-train), in which case only what exists is reported.
import {availableParallelism} from "node:os";
import {fileURLToPath} from "node:url";
import {trainingCost} from "../../training/families/cost.js";
import {defaultStoreDir} from "../../training/cli/store-dir.js";
import {RunStore, type StoredRun} from "../../training/store/run-store.js";
import {planStudy, studyByName, type Study} from "../../training/studies/index.js";
import {runSweep} from "../../training/sweep/run-sweep.js";
import type {TrainConfig} from "../../training/train/config.js";
import type {RunRecord} from "../../training/train/run-record.js";
import {TRAINING_CODE_VERSION} from "../../training/version.js";

/** The study the published report shows. */
export const DEFAULT_STUDY = "standard";

export interface StudyRuns {
  study: Study;
  runs: StoredRun<TrainConfig, RunRecord>[];
  /** Keys of planned runs that are not in the store (only when training was not allowed). */
  missing: string[];
}

export function configuredStudy(): string {
  return process.env.STUDY ?? DEFAULT_STUDY;
}

export function trainingAllowed(): boolean {
  return !(process.env.NO_TRAIN === "1" || process.argv.includes("--no-train"));
}

const log = (line: string) => process.stderr.write(line + "\n");

export async function loadStudyRuns(name = configuredStudy(), storeDir = defaultStoreDir()): Promise<StudyRuns> {
  const study = studyByName(name);
  const store = new RunStore(storeDir);
  const plan = planStudy(study, TRAINING_CODE_VERSION, trainingCost);
  let missing = plan.filter((run) => !store.has(run.key));
  if (missing.length > 0 && trainingAllowed()) {
    log(`study ${name}: ${missing.length} of ${plan.length} runs are not in ${store.dir}; training them now (set NO_TRAIN=1 to skip).`);
    let done = 0;
    const summary = await runSweep({
      runs: missing,
      storeDir: store.dir,
      codeVersion: TRAINING_CODE_VERSION,
      workers: availableParallelism(),
      trainerModule: fileURLToPath(new URL("../../training/sweep/train-worker-module.ts", import.meta.url)),
      env: {ECG_THREADS: "1"},
      onEvent: (e) => {
        if (e.type === "done" || e.type === "failed") log(`  [${++done}/${missing.length}] ${e.key} ${e.type === "done" ? "trained" : `failed: ${e.message}`}`);
      }
    });
    if (summary.failed.length) throw new Error(`study ${name}: ${summary.failed.length} run(s) failed to train: ${summary.failed.map((f) => f.message).join("; ")}`);
    missing = plan.filter((run) => !store.has(run.key));
  } else if (missing.length > 0) {
    log(`study ${name}: ${missing.length} of ${plan.length} runs are missing from ${store.dir} (NO_TRAIN=1: reporting only what exists). Train them with: npm run sweep -- --study ${name}`);
  }
  const runs = plan.filter((run) => store.has(run.key)).map((run) => store.read<TrainConfig, RunRecord>(run.key)!);
  return {study, runs, missing: missing.map((r) => r.key)};
}
