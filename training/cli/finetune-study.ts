// `npm run finetune-study -- --study transfer`: every fine-tuning of a fine-tuning study (training/finetune/studies.ts),
// each pre-trained model fine-tuned and its architecture trained from scratch, on each task and fraction. Records go
// to the fine-tuning store, so a stopped study resumes where it stopped (and within a fine-tuning at its learning
// rate). Pre-trained weights are read from <models>/<run key>/; missing ones are named with the command that rebuilds
// them exactly from the committed run. `--dry-run` prints the plan and what is done.
import {dirname, join} from "node:path";
import {initBackend} from "../backend/index.js";
import {FINETUNE_STUDIES, missingModels, planFinetuneStudy, runFinetunePlan} from "../finetune/studies.js";
import {RunStore} from "../store/run-store.js";
import {TRAINING_CODE_VERSION} from "../version.js";
import {parseArgs, usage, UsageError, type Specs} from "./args.js";
import {runCommand} from "./main.js";
import {defaultFinetuneStoreDir, defaultStoreDir} from "./store-dir.js";

const SPECS = {
  study: {type: "string", description: `fine-tuning study (${Object.keys(FINETUNE_STUDIES).join(", ")})`, required: true},
  "dry-run": {type: "boolean", description: "print the plan, what is stored and which pre-trained weights are missing; train nothing"},
  models: {type: "string", description: "folder of pre-trained model artefacts, one per run key", default: join(dirname(defaultStoreDir()), "models")},
  store: {type: "string", description: "store of fine-tuning records (FINETUNE_STORE)", default: defaultFinetuneStoreDir()},
  threads: {type: "number", description: "backend threads", integer: true, min: 1, default: 1}
} as const satisfies Specs;

await runCommand(usage("npm run finetune-study --", SPECS), async () => {
  const args = parseArgs(process.argv.slice(2), SPECS);
  const study = FINETUNE_STUDIES[args.study!];
  if (!study) throw new UsageError(`unknown fine-tuning study "${args.study}"; known: ${Object.keys(FINETUNE_STUDIES).join(", ")}`);
  const plan = planFinetuneStudy(study, TRAINING_CODE_VERSION);
  const store = new RunStore(args.store!);
  const modelDir = (key: string) => join(args.models!, key);
  const missing = missingModels(plan, args.models!);
  process.stdout.write(`fine-tuning study ${study.name}: ${plan.length} fine-tunings (${plan.filter((p) => !p.scratch).length} from pre-trained weights, as many from scratch) of ${study.pretrained.length} models of study ${study.source} on ${study.tasks.join(", ")} at fractions ${study.fractions.join(", ")}\n`);
  for (const key of missing) {
    const stored = new RunStore(defaultStoreDir()).has(key);
    process.stdout.write(`  missing weights of ${key}: ${stored ? `npm run reproduce -- --run ${key} --save-model ${modelDir(key)}` : `the run is not stored yet; train it with npm run sweep -- --study ${study.source}`}\n`);
  }
  if (args["dry-run"]) return;
  if (missing.length) throw new Error(`${missing.length} pre-trained model(s) missing (listed above); rebuild them first`);
  await initBackend({threads: args.threads});
  await runFinetunePlan(plan, {
    modelsDir: args.models!,
    store,
    onResult: (p, record, i) => {
      const label = `${p.family} ${JSON.stringify(p.size)} ${p.scratch ? "scratch" : "pre-trained"} on ${p.task} at ${p.fraction}, seed ${p.seed}`;
      process.stdout.write(`[${i + 1}/${plan.length}] ${label}: ${record.fromStore ? "stored" : `trained in ${record.wallSeconds.toFixed(0)} s`}; test loss ${record.test.loss.toFixed(4)} (constant ${record.test.constantLoss.toFixed(4)})\n`);
    }
  });
});
