// Public entry of training/ for studies and the run store: the studies and their plans, step and evaluation
// rules, the run store and its default folder, the sweep (running one, estimating its time) and the training
// code version that keys every run. Code outside training/ imports these from here (or from data.ts, models.ts,
// command.ts), never from the modules behind them. Re-exports only.
export {planStudy, STUDIES, studyByName, UnknownStudyError, type Study} from "./studies/index.js";
export {second} from "./studies/second.js";
export {describeEvaluation, describeSteps, evalEveryFor, studySteps, type StepRule} from "./studies/steps.js";
export {RunStore, RunStoreError, type StoredRun} from "./store/run-store.js";
export {defaultStoreDir} from "./cli/store-dir.js";
export {estimateSeconds, secondsPerCost} from "./sweep/estimate.js";
export {runSweep} from "./sweep/run-sweep.js";
export type {PlannedRun} from "./sweep/types.js";
export {TRAINING_CODE_VERSION} from "./version.js";
