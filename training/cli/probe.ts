// `npm run probe -- --model DIR --data DATASET`: the study's linear probe (frozen features, L2 logistic
// regression, lambda chosen on the validation split, scored on the test split) of a saved model (a folder written
// by `npm run train -- --save-model DIR` or `npm run sweep -- --save-models`) on any dataset the project knows.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname} from "node:path";
import {initBackend} from "../backend/index.js";
import {CORPUS_NAMES} from "../corpus/specs.js";
import {checkModelFolder, ModelArtefactError} from "../artefacts/model-artefact.js";
import {checkDatasetName, probeSavedModel} from "../artefacts/probe.js";
import {parseArgs, usage, UsageError, type Specs} from "./args.js";
import {runCommand} from "./main.js";

const SPECS = {
  model: {type: "string", description: "a saved model's folder (holds model.json)", required: true},
  data: {type: "string", description: `dataset: ${CORPUS_NAMES.join(", ")}`, required: true},
  out: {type: "string", description: "also write the result (JSON) to this file"},
  threads: {type: "number", description: "backend threads", integer: true, min: 1, default: 1}
} as const satisfies Specs;

const USAGE = usage("npm run probe --", SPECS);

await runCommand(USAGE, async () => {
  const args = parseArgs(process.argv.slice(2), SPECS);
  const asUsage = (error: unknown) => (error instanceof ModelArtefactError ? new UsageError(error.message) : error);
  try {
    checkModelFolder(args.model!);
    checkDatasetName(args.data!);
  } catch (error) {
    throw asUsage(error);
  }
  const backend = await initBackend({threads: args.threads});
  process.stderr.write(`backend: ${backend.name} ${backend.version}, ${backend.threads} thread(s); loading ${args.model} and ${args.data}\n`);
  const result = await probeSavedModel(args.model!, args.data!).catch((error) => {
    throw asUsage(error);
  });
  const {model, dataset, probe, atTraining} = result;
  const f = (x: number | undefined, digits = 4) => (x === undefined || !Number.isFinite(x) ? "n/a" : x.toFixed(digits));
  const lines = [
    `model ${model.family} ${model.size} (run ${model.runKey}, chosen checkpoint step ${model.chosenStep})`,
    `dataset ${dataset.name} (${dataset.kind}, ${dataset.classes.length} classes; ${dataset.records.train} / ${dataset.records.val} / ${dataset.records.test} train / val / test records)`,
    `probe test loss ${f(probe.loss)} (SE ${f(probe.lossSe)}), constant predictor ${f(probe.constantLoss)}, macro AUROC ${f(probe.auroc, 3)}; lambda ${probe.lambda}, ${probe.converged ? "converged" : "NOT converged"} in ${probe.epochs} iterations`
  ];
  if (atTraining) {
    const same = atTraining.loss === probe.loss && atTraining.auroc === probe.auroc;
    lines.push(`at training: loss ${f(atTraining.loss)}, AUROC ${f(atTraining.auroc, 3)} (${same ? "identical" : `differs by ${(probe.loss - atTraining.loss).toExponential(2)}: another backend or kernel`})`);
  }
  process.stdout.write(lines.join("\n") + "\n");
  if (args.out) {
    mkdirSync(dirname(args.out), {recursive: true});
    writeFileSync(args.out, JSON.stringify(result, null, 1) + "\n");
    process.stderr.write(`result written to ${args.out}\n`);
  }
});
