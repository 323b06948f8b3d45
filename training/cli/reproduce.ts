// `npm run reproduce -- --run KEY`: retrains a stored run from its config on this machine's
// backend and compares every loss with the stored ones. The published store is a record of
// what the code does; this is how a reader checks it. `--cheapest --study S` picks the
// cheapest stored run of a study. Exit status 1 when the losses differ: bit for bit on the same backend and
// OpenBLAS kernel, beyond a stated tolerance when only the kernel differs. `--save-model DIR` then saves the
// reproduced run's chosen checkpoint as a model artefact (the committed runs keep no weights).
import {initBackend, backendInfo} from "../backend/index.js";
import {RunStore, type StoredRun} from "../store/run-store.js";
import {compareRuns, reproduces, reproductionCheck} from "../train/compare-runs.js";
import {planStudy, studyByName, STUDIES} from "../studies/index.js";
import {trainingCost} from "../families/cost.js";
import {train} from "../train/train.js";
import type {TrainConfig} from "../train/config.js";
import type {RunRecord} from "../train/run-record.js";
import {TRAINING_CODE_VERSION} from "../version.js";
import {parseArgs, usage, UsageError, type Specs} from "./args.js";
import {runCommand} from "./main.js";
import {ProgressBar} from "./progress-bar.js";
import {captureWeights, checkArtefactTarget, ModelArtefactError, saveModelArtefact, type CapturedWeights} from "../artefacts/model-artefact.js";
import {defaultStoreDir} from "./store-dir.js";

const SPECS = {
  run: {type: "string", description: "key of the stored run to retrain (its file name without .json)"},
  cheapest: {type: "boolean", description: "retrain the cheapest stored run of --study instead"},
  study: {type: "string", description: `study for --cheapest (${Object.keys(STUDIES).join(", ")})`, default: process.env.STUDY ?? "standard"},
  store: {type: "string", description: "run store folder", default: defaultStoreDir()},
  "save-model": {type: "string", description: "when the run reproduces, save its chosen checkpoint as a model artefact in this (new or empty) folder: the committed runs keep no weights, and this rebuilds them exactly"}
} as const satisfies Specs;
const USAGE = usage("npm run reproduce --", SPECS);

await runCommand(USAGE, async () => {
  const args = parseArgs(process.argv.slice(2), SPECS);
  if (!args.run === !args.cheapest) throw new UsageError("give either --run KEY or --cheapest");
  const store = new RunStore(args.store!);
  if (args["save-model"]) {
    try {
      checkArtefactTarget(args["save-model"]);
    } catch (error) {
      throw error instanceof ModelArtefactError ? new UsageError(`--save-model: ${error.message}`) : error;
    }
  }
  const stored = args.run ? storedRun(store, args.run) : cheapestOfStudy(store, args.study!);
  if (stored.codeVersion !== TRAINING_CODE_VERSION) {
    throw new Error(`run ${stored.key} was trained by training code ${stored.codeVersion}; this checkout is ${TRAINING_CODE_VERSION}, whose results may differ by design`);
  }

  const then = stored.result.backend;
  await initBackend({threads: then.threads, warn: (m) => process.stderr.write(`${m}\n`)});
  const now = backendInfo();
  const describe = (b: RunRecord["backend"]) => `${b.name} ${b.version}${b.native?.blas ? " + native kernels" : ""}, ${b.threads} thread(s)`;
  process.stderr.write(`run ${stored.key}: ${stored.config.family}, N=${stored.result.params}, D=${stored.config.records}, ${stored.config.steps} steps\n`);
  process.stderr.write(`stored on ${describe(then)}; retraining on ${describe(now)}\n`);
  const check = reproductionCheck(then, now);
  process.stderr.write(`check: ${check.why}\n`);

  const bar = new ProgressBar(stored.key.slice(0, 8));
  let weights: CapturedWeights | undefined;
  const again = await train(stored.config, {
    onProgress: (p) => bar.update({done: p.step, total: p.steps, detail: `loss ${p.loss?.toFixed(4)}`}),
    // The chosen checkpoint's weights are in place here (the trainer restored them before probing).
    onTrained: async (family) => void (args["save-model"] ? (weights = await captureWeights(family, stored.config)) : undefined)
  });
  const c = compareRuns(stored.result, again);
  if (!c.sameShape) throw new Error(`the retrained run has different evaluations (steps or datasets) from the stored one`);
  process.stdout.write(
    `${c.compared} losses compared (train, validation, ID test and ${stored.config.ood.length} OOD datasets at ${again.evaluations.length} evaluations): ` +
      `${c.differing} differ; largest difference ${c.maxAbs.toExponential(2)} (relative ${c.maxRel.toExponential(2)})\n` +
      `best ID loss: stored ${stored.result.best.idLoss}, retrained ${again.best.idLoss}; wall time ${stored.result.wallSeconds.toFixed(1)} s then, ${again.wallSeconds.toFixed(1)} s now\n`
  );
  if (!reproduces(check, c)) throw new Error(`run ${stored.key} did not reproduce: ${check.why}; ${c.differing} of ${c.compared} losses differ, largest relative difference ${c.maxRel.toExponential(2)}`);
  process.stdout.write(
    check.mode === "identical"
      ? `reproduced bit for bit (checked: identical losses)\n`
      : check.mode === "tolerance"
        ? `reproduced within the tolerance (checked: relative difference <= ${check.tolerance})\n`
        : `not checked: ${check.why}\n`
  );
  if (args["save-model"] && weights) {
    // Only a run that reproduced is saved: the artefact then stands for the committed record.
    if (check.mode === "none") throw new Error(`--save-model: not saved, since reproduction could not be checked here (${check.why})`);
    const saved = await saveModelArtefact(args["save-model"], {config: stored.config, record: again, weights});
    process.stdout.write(`model artefact (chosen checkpoint, step ${again.best.step}) written to ${args["save-model"]}: ${Object.entries(saved).map(([f, n]) => `${f} ${n} bytes`).join(", ")}\n`);
  }
});

function storedRun(store: RunStore, key: string): StoredRun<TrainConfig, RunRecord> {
  const run = store.read<TrainConfig, RunRecord>(key);
  if (!run) throw new Error(`no run ${key} in ${store.dir}`);
  return run;
}

function cheapestOfStudy(store: RunStore, name: string): StoredRun<TrainConfig, RunRecord> {
  if (!STUDIES[name]) throw new UsageError(`unknown study "${name}"; known: ${Object.keys(STUDIES).join(", ")}`);
  const stored = planStudy(studyByName(name), TRAINING_CODE_VERSION, trainingCost)
    .filter((run) => store.has(run.key))
    .sort((a, b) => a.cost - b.cost || a.key.localeCompare(b.key));
  if (stored.length === 0) throw new Error(`no run of study ${name} in ${store.dir}: train it first (npm run sweep -- --study ${name})`);
  return storedRun(store, stored[0].key);
}
