// `npm run study:progress -- --study second`: the stored runs of a study as a markdown table (one row per run,
// in the study plan's order), with the totals the study's results page quotes: runs stored of
// planned, worker time and training FLOPs. The table in results/studies/<study>.md is this command's output.
import {runCommand, parseArgs, usage, type Specs} from "../training/command.js";
import {RunStore, defaultStoreDir, planStudy, studyByName, TRAINING_CODE_VERSION} from "../training/studies.js";
import type {RunRecord, TrainConfig} from "../training/models.js";
import {sizeLabel} from "../data-loaders/runs/to-rows.js";

const SPECS = {
  study: {type: "string", description: "the study", required: true},
  store: {type: "string", description: "run store folder (default RUN_STORE or results/runs)"}
} as const satisfies Specs;

await runCommand(usage("npm run study:progress --", SPECS), async () => {
  const args = parseArgs(process.argv.slice(2), SPECS);
  const plan = planStudy(studyByName(args.study!), TRAINING_CODE_VERSION);
  const store = new RunStore(args.store ?? defaultStoreDir());
  const done = plan.filter((r) => store.has(r.key)).map((r) => store.read<TrainConfig, RunRecord>(r.key)!);
  const lines = [
    "| run | family | size | N | D | seed | steps done / planned | chosen step | stopped early | ID test loss (SE) | wall (min) | FLOPs |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  ];
  let wall = 0;
  let flops = 0;
  for (const {key, config: c, result: r} of done) {
    wall += r.wallSeconds;
    flops += r.flops;
    const se = r.best.idLossSe === undefined || r.best.idLossSe === null ? "" : ` (${r.best.idLossSe.toFixed(4)})`;
    lines.push(`| ${key} | ${c.family} | ${sizeLabel(c)} | ${r.params.toLocaleString("en-US")} | ${c.records.toLocaleString("en-US")} | ${c.seed} | ${r.stepsDone} / ${c.steps} | ${r.best.step} | ${r.stoppedEarly ? "yes" : "no"} | ${r.best.idLoss.toFixed(4)}${se} | ${(r.wallSeconds / 60).toFixed(1)} | ${r.flops.toExponential(2)} |`);
  }
  lines.push("", `${done.length} of ${plan.length} runs; worker time ${(wall / 3600).toFixed(2)} h; ${flops.toExponential(2)} training FLOPs`);
  process.stdout.write(lines.join("\n") + "\n");
});
