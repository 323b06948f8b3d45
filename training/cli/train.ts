// `npm run train -- --family resnet-ssl --size 3x16 --records 4000 --steps 1500 --seed 0`:
// trains one run, shows a progress bar on stderr and writes the run record (JSON) to a file.
import {accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {initBackend} from "../backend/index.js";
import {OOD_DATASETS, ID_CORPUS} from "../corpus/index.js";
import {ConfigError, TRAIN_DEFAULTS, resolveTrainConfig, type Family, type ModelSize} from "../train/config.js";
import {familyNames, parseSizeOf, sizeGrammars} from "../families/registry.js";
import {train} from "../train/train.js";
import {parseArgs, usage, UsageError, type Specs} from "./args.js";
import {runCommand} from "./main.js";
import {ProgressBar} from "./progress-bar.js";
import {checkTrainingMemory} from "../families/memory.js";
import {ecgDataDir} from "../io/data-dir.js";
import {loadChallengeRecords} from "../eval/real-records.js";
import {crossValidatedProbe, type LabelProbe} from "../eval/cross-validated-probe.js";
import {captureWeights, checkArtefactTarget, ModelArtefactError, saveModelArtefact, type CapturedWeights} from "../artefacts/model-artefact.js";

const SPECS = {
  family: {type: "string", description: "model family", choices: familyNames(), required: true},
  size: {type: "string", description: sizeGrammars(), required: true},
  records: {type: "number", description: "D: pre-training records", integer: true, min: 1, required: true},
  steps: {type: "number", description: "optimisation steps", integer: true, min: 1, required: true},
  seed: {type: "number", description: "seed", integer: true, min: 0, default: 0},
  batch: {type: "number", description: "records per step", integer: true, min: 1, default: TRAIN_DEFAULTS.batch},
  lr: {type: "number", description: "peak learning rate", positive: true, default: TRAIN_DEFAULTS.learningRate},
  "eval-every": {type: "number", description: "evaluate every N steps (default: steps / 4)", integer: true, min: 1},
  ood: {type: "string", description: "comma-separated OOD datasets", default: OOD_DATASETS.join(",")},
  scale: {type: "number", description: "size scale of the pre-training pool (1 = the study's default corpora)", min: 0.001, default: 1},
  "eval-scale": {type: "number", description: "size scale of the evaluation splits (ID validation/test, OOD datasets; 1 = several thousand ID test records); unset: they scale with --scale", min: 0.001},
  edition: {type: "number", description: "synthetic corpus edition: 1 (the original generator) or 2 (label noise, borderline cases, realistic sex / risk signs; training/synth/edition.ts)", integer: true, min: 1, default: 1},
  out: {type: "string", description: "where to write the run record", default: "results/train/run.json"},
  threads: {type: "number", description: "backend threads", integer: true, min: 1, default: 1},
  "save-model": {type: "string", description: "also save the chosen checkpoint as a model artefact in this (new or empty) folder: model.json, weights.bin, model.safetensors"},
  "no-real-probe": {type: "boolean", description: "skip the cross-validated probe on the real records of ECG_DATA_DIR"}
} as const satisfies Specs;

const USAGE = usage("npm run train --", SPECS);

/** The size `--size` names in the family's grammar (training/families/architecture.ts); a usage error otherwise. */
export function parseSize(text: string, family: Family): ModelSize {
  try {
    return parseSizeOf(family, text);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`--size for ${family}: ${error.message}`);
    throw error;
  }
}

await runCommand(USAGE, async () => {
  const args = parseArgs(process.argv.slice(2), SPECS);
  const family = args.family as Family;
  const ood = args.ood!.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = ood.filter((name) => !OOD_DATASETS.includes(name as never));
  if (unknown.length) throw new UsageError(`unknown OOD dataset(s) ${unknown.join(", ")}; known: ${OOD_DATASETS.join(", ")}`);
  if (args.edition !== 1 && args.edition !== 2) throw new UsageError(`--edition must be 1 or 2, got ${args.edition}`);
  const config = resolveTrainConfig({
    family,
    size: parseSize(args.size!, family),
    records: args.records!,
    steps: args.steps!,
    batch: args.batch,
    learningRate: args.lr,
    evalEvery: args["eval-every"] ?? Math.max(1, Math.round(args.steps! / 4)),
    ood,
    seed: args.seed!,
    corpus: {name: ID_CORPUS, seed: 0, scale: args.scale!, ...(args["eval-scale"] !== undefined ? {evalScale: args["eval-scale"]} : {}), ...(args.edition === 2 ? {edition: 2 as const} : {})}
  });
  checkOutputPath(args.out!);
  if (args["save-model"]) {
    try {
      checkArtefactTarget(args["save-model"]);
    } catch (error) {
      throw error instanceof ModelArtefactError ? new UsageError(`--save-model: ${error.message}`) : error;
    }
  }
  const backend = await initBackend({threads: args.threads});
  checkTrainingMemory(config, backend.name);
  process.stderr.write(`backend: ${backend.name} ${backend.version}, ${backend.threads} thread(s)\n`);
  const bar = new ProgressBar(`${config.family} D=${config.records}`);
  const real = args["no-real-probe"] ? undefined : loadChallengeRecords(ecgDataDir());
  let realProbe: LabelProbe[] | undefined;
  let weights: CapturedWeights | undefined;
  const record = await train(config, {
    onProgress: (p) =>
      bar.update({
        done: p.step,
        total: p.steps,
        eta: p.phase === "probing" ? NaN : p.etaSeconds,
        detail:
          p.phase === "probing" ? "probing the OOD tasks at the chosen checkpoint" : `loss ${p.loss?.toFixed(4)}  ${p.samplesPerSecond?.toFixed(0)} training samples/s${p.phase === "evaluating" ? "  evaluating (ID validation and test)" : ""}`,
        force: p.phase !== "training"
      }),
    onTrained: async (family) => {
      // The chosen checkpoint's weights are in place here (the trainer restored them before probing).
      if (args["save-model"]) weights = await captureWeights(family, config);
      if (!real) return;
      const features = await family.features(real.split);
      realProbe = crossValidatedProbe(features, family.featureDims, real.split.labels, real.labels, {seed: config.seed});
    }
  });
  bar.update({done: record.stepsDone, total: record.stepsDone});
  mkdirSync(dirname(args.out!), {recursive: true});
  writeFileSync(args.out!, JSON.stringify({config, result: record, realProbe}, null, 1) + "\n");
  const saved = args["save-model"] && weights ? await saveModelArtefact(args["save-model"], {config, record, weights}) : undefined;
  process.stderr.write(
    `N=${record.params} params, ${record.stepsDone} steps in ${record.wallSeconds.toFixed(1)} s; best ID loss ${record.best.idLoss.toFixed(4)}` +
      `${record.best.idAuroc !== undefined ? `, ID AUROC ${record.best.idAuroc.toFixed(3)}` : ""} at the chosen checkpoint (step ${record.best.step}); OOD probe loss/AUROC (constant predictor's loss): ` +
      Object.entries(record.best.ood).map(([d, o]) => `${d} ${o.loss.toFixed(3)}${o.auroc !== undefined ? `/${o.auroc.toFixed(2)}` : ""}${o.constantLoss !== undefined ? ` (${o.constantLoss.toFixed(3)})` : ""}`).join(", ") +
      (realProbe ? `\nreal Challenge records (chosen checkpoint's weights, 5-fold probe AUROC): ${realProbe.map((p) => `${p.label} ${p.auroc?.toFixed(3) ?? `n/a (${p.positives} positives)`}`).join(", ")}` : "") +
      `\nrun record written to ${args.out}\n` +
      (saved ? `model artefact (chosen checkpoint, step ${record.best.step}) written to ${args["save-model"]}: ${Object.entries(saved).map(([f, n]) => `${f} ${n} bytes`).join(", ")}\n` : "")
  );
});

/** Fails before training when the run record could not be written there (a folder, an unwritable place). */
function checkOutputPath(out: string): void {
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a folder; give a file path, e.g. ${join(out, "run.json")}`);
  try {
    mkdirSync(dirname(out), {recursive: true});
    accessSync(dirname(out), constants.W_OK);
  } catch (error) {
    throw new UsageError(`--out ${out}: cannot write there (${error instanceof Error ? error.message : String(error)})`);
  }
}
