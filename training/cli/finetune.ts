// `npm run finetune -- --model DIR --data DATASET --fraction F [--scratch] [--seed S] [--out FILE]`: full
// fine-tuning of a saved model (a folder written by `npm run train -- --save-model DIR` or `npm run sweep --
// --save-models`) on a fraction of an OOD task's training split, the learning rate chosen on its validation split,
// early stopping, scored on its test split; `--scratch` trains the same architecture from random weights with the
// same budget and rules (training/finetune/finetune.ts). Progress on stderr, the summary on stdout, the result
// record (JSON) to --out and to the store of fine-tuning records (results/finetune), where a repeated fine-tuning is
// found instead of trained again (a study of many fine-tunings resumes where it stopped).
import {existsSync, mkdirSync, statSync, writeFileSync} from "node:fs";
import {dirname} from "node:path";
import {initBackend} from "../backend/index.js";
import {OOD_DATASETS} from "../corpus/specs.js";
import {ModelArtefactError} from "../artefacts/model-artefact.js";
import {checkFinetuneInput, finetune, finetuneBudget, FinetuneError, FINETUNE_DEFAULTS, FINETUNE_LEARNING_RATES, MIN_FINETUNE_RECORDS} from "../finetune/index.js";
import {parseArgs, usage, UsageError, type Specs} from "./args.js";
import {runCommand} from "./main.js";
import {ProgressBar} from "./progress-bar.js";
import {defaultFinetuneStoreDir} from "./store-dir.js";
import {RunStore} from "../store/run-store.js";

const d = FINETUNE_DEFAULTS;
const SPECS = {
  model: {type: "string", description: "a saved model's folder (holds model.json)", required: true},
  data: {type: "string", description: `downstream dataset (an OOD task): ${OOD_DATASETS.join(", ")}`, required: true},
  fraction: {type: "number", description: `F in (0, 1]: the share of the dataset's training split fine-tuned on (a seeded subset, at least ${MIN_FINETUNE_RECORDS} records)`, required: true},
  scratch: {type: "boolean", description: "train the same architecture from random weights (seeded by --seed) with the same budget and rules"},
  seed: {type: "number", description: "seed of the subset, data order, task head (and, with --scratch, the initial weights)", integer: true, min: 0, default: 0},
  out: {type: "string", description: "write the result record (JSON) to this file"},
  store: {type: "string", description: "store of fine-tuning records: a fine-tuning already there is not trained again (results/finetune; FINETUNE_STORE)", default: defaultFinetuneStoreDir()},
  rerun: {type: "boolean", description: "train even if the store has this fine-tuning, and overwrite its record"},
  lrs: {type: "string", description: "comma-separated learning-rate grid", default: FINETUNE_LEARNING_RATES.join(",")},
  batch: {type: "number", description: "records per step (at most the subset's size)", integer: true, min: 1, default: d.batch},
  steps: {type: "number", description: `steps per learning rate at most (default: ${d.epochs} epochs of the subset, clamped to [${d.minSteps}, ${d.maxSteps}])`, integer: true, min: 1},
  "eval-every": {type: "number", description: `validation loss every N steps (default: steps / ${d.evaluations}, rounded up)`, integer: true, min: 1},
  patience: {type: "number", description: "evaluations without a lower validation loss before a learning rate's run stops", integer: true, min: 1, default: d.patience},
  threads: {type: "number", description: "backend threads", integer: true, min: 1, default: 1}
} as const satisfies Specs;

const USAGE = `${usage("npm run finetune --", SPECS)}

Every learning rate of the grid is run from the same start, head, data order and subset; the one with the lowest
best validation loss is chosen and its best weights (early stopping on the validation loss) are scored on the test
split. See README, "Model artefacts".`;

await runCommand(USAGE, async () => {
  const args = parseArgs(process.argv.slice(2), SPECS);
  const learningRates = args.lrs!.split(",").map((s) => s.trim()).filter(Boolean).map(Number);
  let records: number;
  try {
    ({records} = checkFinetuneInput(args.model!, args.data!, args.fraction!));
    if (learningRates.length === 0 || learningRates.some((lr) => !(lr > 0) || !Number.isFinite(lr))) throw new FinetuneError(`--lrs must be positive numbers, got "${args.lrs}"`);
    if (Number.isFinite(records)) finetuneBudget(records, {batch: args.batch, steps: args.steps, evalEvery: args["eval-every"], patience: args.patience, learningRates});
  } catch (error) {
    throw error instanceof ModelArtefactError || error instanceof FinetuneError ? new UsageError(error.message) : error;
  }
  if (args.out && existsSync(args.out) && statSync(args.out).isDirectory()) throw new UsageError(`--out ${args.out} is a folder; give a file path`);
  const backend = await initBackend({threads: args.threads});
  process.stderr.write(`backend: ${backend.name} ${backend.version}, ${backend.threads} thread(s); ${args.scratch ? "training from scratch the architecture of" : "fine-tuning"} ${args.model} on ${args.fraction} of ${args.data}\n`);
  const bar = new ProgressBar(`finetune ${args.data} F=${args.fraction}${args.scratch ? " scratch" : ""}`);
  let last = {valLoss: NaN};
  const record = await finetune(args.model!, args.data!, {
    fraction: args.fraction!,
    scratch: args.scratch,
    seed: args.seed,
    batch: args.batch,
    steps: args.steps,
    evalEvery: args["eval-every"],
    patience: args.patience,
    learningRates,
    store: new RunStore(args.store!),
    rerun: args.rerun,
    onProgress: (p) => {
      if (p.valLoss !== undefined) last = {valLoss: p.valLoss};
      if (p.step === 0) last = {valLoss: NaN};
      const detail =
        p.phase === "testing"
          ? `chosen lr ${p.learningRate} (step ${p.step}); testing`
          : `lr ${p.learningRate} (${p.rate + 1}/${p.rates})${p.loss !== undefined ? `  loss ${p.loss.toFixed(4)}` : ""}${Number.isFinite(last.valLoss) ? `  val ${last.valLoss.toFixed(4)}` : ""}${p.phase === "evaluating" ? "  evaluating" : ""}`;
      bar.update({done: p.phase === "testing" ? p.steps : p.step, total: p.steps, detail, eta: p.phase === "testing" ? NaN : undefined, force: p.phase !== "training" || p.valLoss !== undefined});
    }
  }).catch((error) => {
    throw error instanceof ModelArtefactError || error instanceof FinetuneError ? new UsageError(error.message) : error;
  });
  const f = (x: number | undefined, digits = 4) => (x === undefined || !Number.isFinite(x) ? "n/a" : x.toFixed(digits));
  if (record.fromStore) process.stderr.write(`already in the store ${args.store} (${record.key}): not trained again; --rerun trains it anew\n`);
  const lines = [
    `model ${record.model.family} ${record.model.size} (run ${record.model.runKey})${record.config.init === "scratch" ? `, from scratch (seed ${record.config.seed})` : ", pre-trained"}; ${record.params} parameters fine-tuned`,
    `dataset ${record.dataset.name} (${record.dataset.kind}, ${record.dataset.classes.length} classes): ${record.records} of ${record.dataset.records.train} training records (fraction ${record.config.fraction}, seed ${record.config.seed}); ${record.dataset.records.val} / ${record.dataset.records.test} val / test`,
    `budget: batch ${record.config.batch}, at most ${record.config.steps} steps per learning rate, validation every ${record.config.evalEvery}, patience ${record.config.patience}; ${record.stepsDone} steps in all`,
    ...record.runs.map(
      (r) =>
        `  lr ${r.learningRate}: best validation loss ${f(r.bestValLoss)} at step ${r.bestStep ?? "none"} (from ${f(r.evaluations[0]?.valLoss)} at step 0)${r.stoppedEarly ? `, stopped early at step ${r.stepsDone}` : ""}${r.diverged ? `, DIVERGED at step ${r.stepsDone}` : ""}`
    ),
    `chosen lr ${record.learningRate}, step ${record.step}: test loss ${f(record.test.loss)} (SE ${f(record.test.lossSe)}), constant predictor ${f(record.test.constantLoss)}, macro AUROC ${f(record.test.auroc, 3)}; ${record.wallSeconds.toFixed(1)} s`
  ];
  process.stdout.write(lines.join("\n") + "\n");
  if (!record.fromStore) process.stderr.write(`record stored as ${new RunStore(args.store!).pathOf(record.key)}\n`);
  if (args.out) {
    mkdirSync(dirname(args.out), {recursive: true});
    writeFileSync(args.out, JSON.stringify(record, null, 1) + "\n");
    process.stderr.write(`result record written to ${args.out}\n`);
  }
});
