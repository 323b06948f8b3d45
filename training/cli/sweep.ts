// `npm run sweep -- --study standard`: plans the study's missing runs, prints the plan
// with an estimated time, trains them with N single-threaded worker processes, and shows
// overall progress. Safe to kill and rerun (it resumes); `--shard i/n` trains one slice
// of the plan, so a cluster job array can share a store on a shared filesystem.
import {availableParallelism} from "node:os";
import {fileURLToPath} from "node:url";
import {backboneSize, trainingCost} from "../families/cost.js";
import {RunStore} from "../store/run-store.js";
import {planStudy, studyByName, STUDIES} from "../studies/index.js";
import {estimateSeconds, secondsPerCost, sweepEtaSeconds} from "../sweep/estimate.js";
import {runSweep} from "../sweep/run-sweep.js";
import {parseShard, shardOf} from "../sweep/shard.js";
import type {TrainConfig} from "../train/config.js";
import type {RunRecord} from "../train/run-record.js";
import {TRAINING_CODE_VERSION} from "../version.js";
import {parseArgs, usage, UsageError, type Specs} from "./args.js";
import {runCommand} from "./main.js";
import {formatDuration} from "./progress-bar.js";
import {defaultStoreDir} from "./store-dir.js";

const SPECS = {
  study: {type: "string", description: `study to run (${Object.keys(STUDIES).join(", ")})`, default: process.env.STUDY ?? "standard"},
  workers: {type: "number", description: "worker processes (each single-threaded)", integer: true, min: 1, default: availableParallelism()},
  shard: {type: "string", description: "train only slice i of n of the plan, e.g. 2/8 (1-based)"},
  store: {type: "string", description: "run store folder", default: defaultStoreDir()},
  "dry-run": {type: "boolean", description: "print the plan and exit"}
} as const satisfies Specs;
const USAGE = usage("npm run sweep --", SPECS);

await runCommand(USAGE, async () => {
  const args = parseArgs(process.argv.slice(2), SPECS);
  if (!STUDIES[args.study!]) throw new UsageError(`unknown study "${args.study}"; known: ${Object.keys(STUDIES).join(", ")}`);
  const study = studyByName(args.study!);
  const store = new RunStore(args.store!);
  let plan = planStudy(study, TRAINING_CODE_VERSION, trainingCost);
  if (args.shard) {
    const {index, count} = parseShard(args.shard);
    plan = shardOf(plan, index, count);
  }
  const missing = plan.filter((run) => !store.has(run.key));
  const rates = secondsPerCost(store.list<TrainConfig, RunRecord>());
  const seconds = missing.reduce((s, run) => s + estimateSeconds(run, rates), 0);
  const log = (line: string) => process.stderr.write(line + "\n");

  // The plan is the command's output (stdout, so `--dry-run > plan.txt` keeps it); progress goes to stderr.
  const say = (line: string) => process.stdout.write(line + "\n");
  say(`study ${study.name}: ${plan.length} runs${args.shard ? ` in shard ${args.shard}` : ""}, ${plan.length - missing.length} already in ${store.dir}, ${missing.length} to train`);
  for (const run of missing) {
    const {params} = backboneSize(run.config);
    say(`  ${run.key}  ${run.config.family.padEnd(16)} N=${String(params).padStart(9)}  D=${String(run.config.records).padStart(7)}  steps=${run.config.steps}  ~${formatDuration(estimateSeconds(run, rates))}`);
  }
  say(`estimated ${formatDuration(seconds / Math.min(args.workers!, Math.max(1, missing.length)))} with ${args.workers} worker(s)${rates.size ? "" : " (rough: no runs stored yet to calibrate from)"}`);
  if (args["dry-run"] || missing.length === 0) return;

  const started = Date.now();
  const current = new Map<number, string>();
  const estimates = new Map(missing.map((run) => [run.key, estimateSeconds(run, rates)]));
  const finished = new Map<string, number>();
  const running = new Map<string, number>();
  const status = setInterval(() => current.size && log(`  training: ${[...current.values()].join(" | ")}`), 30_000);
  const summary = await runSweep({
    runs: missing,
    storeDir: store.dir,
    codeVersion: TRAINING_CODE_VERSION,
    workers: args.workers!,
    trainerModule: fileURLToPath(new URL("../sweep/train-worker-module.ts", import.meta.url)),
    env: {ECG_THREADS: process.env.ECG_THREADS ?? "1"},
    onEvent: (event) => {
      if (event.type === "start" && event.resuming) log(`  resuming ${event.key} from its checkpoint`);
      if (event.type === "interrupted") {
        log(`\n${event.signal}: stopping. ${event.unfinished.length} run(s) in progress keep their checkpoints and were released (${event.unfinished.join(", ") || "none"}); finished runs are in the store.`);
        log(`Resume with the same command: npm run sweep -- --study ${study.name}${args.shard ? ` --shard ${args.shard}` : ""}${args.store !== defaultStoreDir() ? ` --store ${args.store}` : ""}`);
      }
      if (event.type === "progress") {
        const p = event.progress;
        running.set(event.key, p.steps > 0 ? p.step / p.steps : 0);
        current.set(event.worker, `${event.key.slice(0, 8)} ${p.step}/${p.steps}${p.phase && p.phase !== "training" ? ` ${p.phase}` : ` loss ${p.loss?.toFixed(3)}`}`);
      } else if (event.type === "done" || event.type === "failed") {
        current.delete(event.worker);
        running.delete(event.key);
        const elapsed = (Date.now() - started) / 1000;
        // A failed run's time says nothing about the rest: count it as its estimate.
        finished.set(event.key, event.type === "done" ? event.seconds : estimates.get(event.key) ?? 0);
        const eta = sweepEtaSeconds({estimates, finished, running, workers: args.workers!});
        log(`[${finished.size}/${missing.length}] ${event.key} ${event.type === "done" ? `done in ${formatDuration(event.seconds)}` : `FAILED: ${event.message}`}  (elapsed ${formatDuration(elapsed)}, ETA ${formatDuration(eta)})`);
      }
    }
  });
  clearInterval(status);
  if (summary.interrupted) process.exit(summary.interrupted.signal === "SIGINT" ? 130 : 143);
  log(`trained ${summary.trained.length}, already stored ${summary.alreadyStored.length}, trained elsewhere ${summary.elsewhere.length}, failed ${summary.failed.length}`);
  if (summary.failed.length) throw new Error(`${summary.failed.length} run(s) failed:\n${summary.failed.map((f) => `  ${f.key}: ${f.message}`).join("\n")}`);
});
