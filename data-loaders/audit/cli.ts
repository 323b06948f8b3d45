// `npm run audit -- --study quick`: do the study's instruments measure? For each OOD task how many
// probes beat the constant predictor, whether the ID loss falls with N within its standard errors,
// whether every record carries its standard errors and chosen checkpoint (data-loaders/audit/audit.ts), and each task's
// best probe against its constant predictor and its simple-feature baseline (data-loaders/analysis/ood-baselines.ts:
// committed, cached, or measured on the study's OOD corpora, which are built first when absent).
import {studyBaselines} from "../analysis/ood-baselines.js";
import {RunStore, planStudy, studyByName, STUDIES, TRAINING_CODE_VERSION, defaultStoreDir} from "../../training/studies.js";
import {auditStudy, formatAudit, type AuditRun} from "./audit.js";
import type {TrainConfig, RunRecord} from "../../training/models.js";
import {parseArgs, usage, UsageError, type Specs, runCommand} from "../../training/command.js";

const SPECS = {
  study: {type: "string", description: `the study to audit (${Object.keys(STUDIES).join(", ")})`, default: process.env.STUDY ?? "quick"},
  store: {type: "string", description: "run store folder", default: defaultStoreDir()}
} as const satisfies Specs;
const USAGE = usage("npm run audit --", SPECS);

await runCommand(USAGE, async () => {
  const args = parseArgs(process.argv.slice(2), SPECS);
  if (!STUDIES[args.study!]) throw new UsageError(`unknown study "${args.study}"; known: ${Object.keys(STUDIES).join(", ")}`);
  const study = studyByName(args.study!);
  const store = new RunStore(args.store!);
  const plan = planStudy(study, TRAINING_CODE_VERSION);
  const runs: AuditRun[] = plan.filter((r) => store.has(r.key)).map((r) => store.read<TrainConfig, RunRecord>(r.key)!);
  if (runs.length === 0) throw new Error(`no run of study ${study.name} (training code ${TRAINING_CODE_VERSION}) in ${store.dir}: train it first (npm run sweep -- --study ${study.name})`);
  process.stdout.write(`study ${study.name}: ${runs.length} of ${plan.length} planned runs in ${store.dir}\n`);
  const baselines = studyBaselines(study, {onProgress: (line) => process.stderr.write(line + "\n")});
  process.stdout.write(formatAudit(auditStudy(runs, study.ood, baselines.baselines)).join("\n") + "\n");
});
