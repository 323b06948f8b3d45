// The runs of the configured study (STUDY, default in DEFAULT_STUDY) from the run store.
// Missing runs are trained first, with a notice and progress on stderr, when their estimated
// time is within TRAIN_BUDGET_SECONDS (or TRAIN=1 is set); a build never starts hours of
// training by itself. NO_TRAIN=1 (or --no-train) reports only what exists. Runs of the study
// trained by another training-code version are stale: named, never shown beside current runs.
import {availableParallelism} from "node:os";
import {fileURLToPath} from "node:url";
import {trainingCost, type TrainConfig, type RunRecord} from "../../training/models.js";
import {
  defaultStoreDir,
  RunStore,
  type StoredRun,
  planStudy,
  studyByName,
  type Study,
  runSweep,
  estimateSeconds,
  secondsPerCost,
  TRAINING_CODE_VERSION
} from "../../training/studies.js";

/** The study the published report shows. */
export const DEFAULT_STUDY = "quick";
/** Estimated training time (one worker per core) a build may spend on missing runs without TRAIN=1. */
export const TRAIN_BUDGET_SECONDS = 10 * 60;

export interface StudyRuns {
  study: Study;
  runs: StoredRun<TrainConfig, RunRecord>[];
  /** Keys of planned runs that are not in the store (only when training was not allowed). */
  missing: string[];
  /** Stored runs of this study's configs trained by another training-code version: named, never shown. */
  stale: {key: string; codeVersion: string}[];
}

export function configuredStudy(): string {
  return process.env.STUDY ?? DEFAULT_STUDY;
}

/** The configured study's definition (training/studies/): its corpus, tasks and grid. */
export const configuredStudySpec = (): Study => studyByName(configuredStudy());

export function trainingAllowed(): boolean {
  return !(process.env.NO_TRAIN === "1" || process.argv.includes("--no-train"));
}

/** TRAIN=1: train missing runs whatever their estimated time. */
export function trainingForced(): boolean {
  return process.env.TRAIN === "1";
}

const clock = (seconds: number) => (seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${Math.ceil(seconds / 60)} min`);

const log = (line: string) => process.stderr.write(line + "\n");

export async function loadStudyRuns(name = configuredStudy(), storeDir = defaultStoreDir()): Promise<StudyRuns> {
  const study = studyByName(name);
  const store = new RunStore(storeDir);
  const plan = planStudy(study, TRAINING_CODE_VERSION, trainingCost);
  const stale = staleRuns(store, plan);
  if (stale.length > 0) {
    const versions = [...new Set(stale.map((r) => r.codeVersion))].join(", ");
    log(`study ${name}: ${stale.length} stored run(s) were trained by older training code (${versions}; this checkout is ${TRAINING_CODE_VERSION}); they are stale and not shown. Retrain with: npm run sweep -- --study ${name}`);
  }
  let missing = plan.filter((run) => !store.has(run.key));
  const workers = availableParallelism();
  const estimated = missing.length ? estimatedSweepSeconds(store, missing, workers) : 0;
  if (missing.length > 0 && trainingAllowed() && (estimated <= TRAIN_BUDGET_SECONDS || trainingForced())) {
    log(`study ${name}: ${missing.length} of ${plan.length} runs are not in ${store.dir}; training them now (about ${clock(estimated)} with ${workers} workers; set NO_TRAIN=1 to skip).`);
    let done = 0;
    const summary = await runSweep({
      runs: missing,
      storeDir: store.dir,
      codeVersion: TRAINING_CODE_VERSION,
      workers,
      trainerModule: fileURLToPath(new URL("../../training/sweep/train-worker-module.ts", import.meta.url)),
      env: {ECG_THREADS: "1"},
      onEvent: (e) => {
        if (e.type === "done" || e.type === "failed") log(`  [${++done}/${missing.length}] ${e.key} ${e.type === "done" ? "trained" : `failed: ${e.message}`}`);
      }
    });
    if (summary.failed.length) throw new Error(`study ${name}: ${summary.failed.length} run(s) failed to train: ${summary.failed.map((f) => f.message).join("; ")}`);
    missing = plan.filter((run) => !store.has(run.key));
  } else if (missing.length > 0) {
    const why = trainingAllowed()
      ? `their estimated training time, ${clock(estimated)}, is over the build's budget of ${clock(TRAIN_BUDGET_SECONDS)}; set TRAIN=1 to train them in the build`
      : "NO_TRAIN=1";
    log(`study ${name}: ${missing.length} of ${plan.length} runs are missing from ${store.dir} (${why}); reporting only what exists.`);
    log(describeMissing(missing));
    log(`Train them with: npm run sweep -- --study ${name} (add --dry-run to list them with time estimates)`);
  }
  const runs = plan.filter((run) => store.has(run.key)).map((run) => store.read<TrainConfig, RunRecord>(run.key)!);
  return {study, runs, missing: missing.map((r) => r.key), stale};
}

/** The missing runs, one line each (family, size, D, seed, key) when few, else counted per family and D. */
export function describeMissing(missing: {key: string; config: TrainConfig}[], maxLines = 24): string {
  const size = (c: TrainConfig) => ("units" in c.size ? `${c.size.units}x${c.size.width}` : `${c.size.layers}x${c.size.dModel}x${c.size.heads}x${c.size.dFfn}`);
  if (missing.length <= maxLines) return missing.map((r) => `  missing: ${r.config.family} ${size(r.config)} D=${r.config.records} seed ${r.config.seed} (${r.key})`).join("\n");
  const byFamily = new Map<string, Map<number, number>>();
  for (const r of missing) {
    const perD = byFamily.get(r.config.family) ?? new Map<number, number>();
    perD.set(r.config.records, (perD.get(r.config.records) ?? 0) + 1);
    byFamily.set(r.config.family, perD);
  }
  return [...byFamily].map(([family, perD]) => `  missing: ${family}: ${[...perD].map(([d, n]) => `${n} at D=${d}`).join(", ")}`).join("\n");
}

/**
 * Stored runs of one of the plan's cells (family, size, D, seed on the same pre-training corpus) trained by
 * another training-code version: what an older edition of the study measured, kept in the store but never
 * shown beside current runs (the evaluation protocol may differ).
 */
export function staleRuns(store: RunStore, plan: {key: string; config: TrainConfig}[]): {key: string; codeVersion: string}[] {
  const cell = (c: TrainConfig) => JSON.stringify([c.family, c.size, c.records, c.seed, c.corpus.name, c.corpus.seed, c.corpus.scale]);
  const planned = new Set(plan.map((r) => cell(r.config)));
  return store
    .list<TrainConfig, RunRecord>()
    .filter((run) => run.codeVersion !== TRAINING_CODE_VERSION && planned.has(cell(run.config)))
    .map((run) => ({key: run.key, codeVersion: run.codeVersion}));
}

/** Wall seconds the missing runs would take on `workers` workers, from the store's calibration (current runs only). */
function estimatedSweepSeconds(store: RunStore, missing: {key: string; config: TrainConfig; cost: number}[], workers: number): number {
  const current = store.list<TrainConfig, RunRecord>().filter((r) => r.codeVersion === TRAINING_CODE_VERSION);
  const rates = secondsPerCost(current);
  const total = missing.reduce((sum, run) => sum + estimateSeconds(run, rates), 0);
  return total / Math.max(1, Math.min(workers, missing.length));
}
