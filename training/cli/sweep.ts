// `npm run sweep -- --study standard`: plans the study's missing runs, prints the plan
// with an estimated time, trains them with N single-threaded worker processes, and shows
// overall progress. Safe to kill and rerun (it resumes); `--shard i/n` trains one slice
// of the plan, so a cluster job array can share a store on a shared filesystem.
// `--slurm` submits the missing runs as a Slurm job array instead (training/sweep/slurm.ts);
// `--status` tells what is done, running and missing, and what Slurm says of the arrays.
import {existsSync} from "node:fs";
import {availableParallelism} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {loadCodebook} from "../codebook/load.js";
import {cacheRoot, corpusPath, loadCorpus, type LoadCorpusOptions} from "../corpus/index.js";
import type {CorpusName} from "../corpus/types.js";
import {backboneSize, trainingCost} from "../families/cost.js";
import {familySpec} from "../families/registry.js";
import {inspectClaim, STALE_CLAIM_MS} from "../store/claim.js";
import {RunStore} from "../store/run-store.js";
import {planStudy, studyByName, STUDIES} from "../studies/index.js";
import {estimateSeconds, secondsPerCost, sweepEtaSeconds} from "../sweep/estimate.js";
import {runSweep} from "../sweep/run-sweep.js";
import {parseShard, shardOf} from "../sweep/shard.js";
import {checkSlurmTime, readRunsFile, squeueTasks, submissions, submitArray} from "../sweep/slurm.js";
import type {PlannedRun} from "../sweep/types.js";
import {SAVE_MODELS_ENV} from "../sweep/train-worker-module.js";
import {resolveTrainConfig, type TrainConfig} from "../train/config.js";
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
  "dry-run": {type: "boolean", description: "print the plan and exit"},
  "claim-timeout": {
    type: "number",
    description: "minutes without a heartbeat after which a run claimed by a process on another host is taken over",
    positive: true,
    default: Number(process.env.ECG_CLAIM_TIMEOUT_MINUTES) > 0 ? Number(process.env.ECG_CLAIM_TIMEOUT_MINUTES) : STALE_CLAIM_MS / 60_000
  },
  status: {type: "boolean", description: "report the study's runs done / running / missing and its Slurm arrays, and exit"},
  slurm: {type: "boolean", description: "submit the missing runs as one Slurm job array (sbatch) instead of training here"},
  "array-parallelism": {type: "number", description: "with --slurm: array tasks running at once (sbatch --array=...%K)", integer: true, min: 1},
  partition: {type: "string", description: "with --slurm: Slurm partition"},
  time: {type: "string", description: "with --slurm: time limit per array task (minutes or [D-]HH:MM:SS)"},
  gres: {type: "string", description: "with --slurm: generic resources per task, e.g. gpu:1 (tfjs-node-gpu on a GPU node)"},
  "cpus-per-task": {type: "number", description: "with --slurm: CPUs per array task (one single-threaded worker each)", integer: true, min: 1, default: 1},
  "runs-per-task": {type: "number", description: "with --slurm: runs per array task (default: --cpus-per-task)", integer: true, min: 1},
  "runs-file": {type: "string", description: "train only the runs whose keys this file lists (a --slurm submission's runs.txt)"},
  "save-models": {type: "boolean", description: "also keep each run trained now as a model artefact (its chosen checkpoint) in <store>/../models/<run key>/"}
} as const satisfies Specs;
const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const USAGE = usage("npm run sweep --", SPECS);

await runCommand(USAGE, async () => {
  const args = parseArgs(process.argv.slice(2), SPECS);
  if (!STUDIES[args.study!]) throw new UsageError(`unknown study "${args.study}"; known: ${Object.keys(STUDIES).join(", ")}`);
  const study = studyByName(args.study!);
  const store = new RunStore(args.store!);
  // Claims (runs) and build locks (corpora, in the workers) judge other hosts' claims by this timeout.
  process.env.ECG_CLAIM_TIMEOUT_MINUTES = String(args["claim-timeout"]);
  let plan = planStudy(study, TRAINING_CODE_VERSION, trainingCost);
  if (args.status) return reportStatus(study.name, plan, store);
  const slurmOnly = (["array-parallelism", "partition", "time", "gres", "runs-per-task"] as const).filter((k) => args[k] !== undefined);
  if (!args.slurm && slurmOnly.length) throw new UsageError(`--${slurmOnly[0]} needs --slurm`);
  if (args.slurm && (args.shard || args["runs-file"])) throw new UsageError("--slurm submits the whole study's missing runs; drop --shard / --runs-file");
  if (args.slurm && args.time) checkSlurmTimeOrUsage(args.time);
  if (args.slurm && args["save-models"]) throw new UsageError("--save-models is not available with --slurm yet: train with a local sweep to keep model artefacts");
  if (args["runs-file"]) {
    const keys = readRunsFile(args["runs-file"]);
    const byKey = new Map(plan.map((run) => [run.key, run]));
    const unknown = keys.filter((k) => !byKey.has(k));
    if (unknown.length) {
      throw new Error(
        `${args["runs-file"]} lists ${unknown.length} run(s) not in study ${study.name}'s plan for training code ${TRAINING_CODE_VERSION} (${unknown.slice(0, 3).join(", ")}${unknown.length > 3 ? ", ..." : ""}): the code changed since it was written; submit again`
      );
    }
    plan = keys.map((k) => byKey.get(k)!);
  }
  if (args.shard) {
    const {index, count} = parseShard(args.shard);
    plan = shardOf(plan, index, count);
  }
  if (!args["dry-run"]) {
    // Leftovers of sweeps killed outright (SIGKILL, a lost node): temporaries of dead writers, claims of stored runs.
    store.removeStaleTemporaries();
    store.removeAbandonedClaims();
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
    say(`  ${run.key}  ${run.config.family.padEnd(16)} N=${String(params).padStart(9)}  D=${String(run.config.records).padStart(7)}  steps=${run.config.steps}  ~${formatDuration(estimateSeconds(run, rates))}${run.config.labels ? `  labels ${run.config.labels.scenario} ${run.config.labels.fraction * 100}%${run.config.loss ? ` ${run.config.loss.kind} gamma ${run.config.loss.gamma}` : ""}` : ""}`);
  }
  // On Slurm, the array's parallelism times each task's workers (unbounded without --array-parallelism: one slot per task).
  const slots = args.slurm ? (args["array-parallelism"] ?? Math.ceil(missing.length / (args["runs-per-task"] ?? args["cpus-per-task"]!))) * args["cpus-per-task"]! : args.workers!;
  const where = args.slurm ? `on Slurm with ${slots} worker(s) at a time` : `with ${args.workers} worker(s)`;
  say(`estimated ${formatDuration(seconds / Math.min(slots, Math.max(1, missing.length)))} ${where}${rates.size ? "" : " (rough: no runs stored yet to calibrate from)"}`);
  if (args["dry-run"] || missing.length === 0) return;
  if (args.slurm) return submit(study.name, missing, store, args, say);

  // Model artefacts beside the run records (results/runs -> results/models), only when asked: never by default.
  const modelsDir = join(dirname(resolve(store.dir)), "models");
  if (args["save-models"]) log(`saving each trained run's chosen checkpoint to ${modelsDir}/<run key>/ (runs already stored get none)`);
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
    env: {ECG_THREADS: process.env.ECG_THREADS ?? "1", [SAVE_MODELS_ENV]: args["save-models"] ? modelsDir : ""},
    onEvent: (event) => {
      if (event.type === "start" && event.resuming) log(`  resuming ${event.key} from its checkpoint`);
      if (event.type === "interrupted") {
        log(`\n${event.signal}: stopping. ${event.unfinished.length} run(s) in progress keep their checkpoints and were released (${event.unfinished.join(", ") || "none"}); finished runs are in the store.`);
        const storeFlag = args.store !== defaultStoreDir() ? ` --store ${args.store}` : "";
        if (args["runs-file"] && process.env.SLURM_JOB_ID) log(`Resume: submit again with npm run sweep -- --study ${study.name}${storeFlag} --slurm (it trains only what is missing)`);
        else log(`Resume with the same command: npm run sweep -- --study ${study.name}${args["runs-file"] ? ` --runs-file ${args["runs-file"]}` : ""}${args.shard ? ` --shard ${args.shard}` : ""}${storeFlag}`);
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

function checkSlurmTimeOrUsage(text: string): void {
  try {
    checkSlurmTime(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Builds every corpus (and the codebook) the runs need, once, here: array tasks starting together then only read them. */
function prepareCaches(runs: PlannedRun[], log: (line: string) => void): void {
  const seen = new Set<string>();
  let codebook = false;
  for (const run of runs) {
    const config = resolveTrainConfig(run.config);
    const options: LoadCorpusOptions = {scale: config.corpus.scale, seed: config.corpus.seed, evalScale: config.corpus.evalScale, edition: config.corpus.edition};
    for (const name of [config.corpus.name, ...config.ood] as CorpusName[]) {
      const path = corpusPath(name, options);
      if (seen.has(path)) continue;
      seen.add(path);
      if (existsSync(path)) continue;
      log(`  building corpus ${name} (scale ${options.scale}) into ${path}`);
      loadCorpus(name, options);
    }
    codebook ||= familySpec(config.family).usesCodebook === true;
  }
  if (codebook) loadCodebook({onProgress: () => {}});
}

type SweepArgs = {
  store?: string;
  "array-parallelism"?: number;
  partition?: string;
  time?: string;
  gres?: string;
  "cpus-per-task"?: number;
  "runs-per-task"?: number;
  "claim-timeout"?: number;
};

function submit(study: string, missing: PlannedRun[], store: RunStore, args: SweepArgs, say: (line: string) => void): void {
  const log = (line: string) => process.stderr.write(line + "\n");
  const cpus = args["cpus-per-task"] ?? 1;
  const perTask = args["runs-per-task"] ?? cpus;
  const tasks = Math.ceil(missing.length / perTask);
  log(`preparing the corpus cache in ${cacheRoot()} before the array starts`);
  prepareCaches(missing, log);
  const storeDir = resolve(store.dir);
  const submitted = submitArray(
    {
      study,
      repoDir: REPO_ROOT,
      node: process.execPath,
      storeDir,
      cacheDir: cacheRoot(),
      runs: missing.length,
      tasks,
      parallelism: args["array-parallelism"],
      cpusPerTask: cpus,
      partition: args.partition,
      time: args.time,
      gres: args.gres,
      claimTimeoutMinutes: args["claim-timeout"]!,
      written: new Date().toISOString()
    },
    [...missing].map((run) => run.key).sort(),
    process.env.SBATCH ?? "sbatch"
  );
  const storeFlag = storeDir !== defaultStoreDir() ? ` --store ${storeDir}` : "";
  say(`submitted job ${submitted.jobId}: an array of ${tasks} task(s)${args["array-parallelism"] ? `, ${args["array-parallelism"]} at a time` : ""}, for ${missing.length} run(s) of ${study}`);
  say(`  job script and run list: ${submitted.jobDir}/{job.sh,runs.txt}; task logs: ${submitted.jobDir}/task-${submitted.jobId}_<i>.out`);
  say(`watch:  squeue -r -j ${submitted.jobId}    or    npm run sweep -- --study ${study}${storeFlag} --status`);
  say(`cancel: scancel ${submitted.jobId}`);
  say(`resume: when tasks were cancelled, preempted or failed, submit again with the same command: it trains only what is still missing`);
}

function reportStatus(study: string, plan: PlannedRun[], store: RunStore): void {
  const say = (line: string) => process.stdout.write(line + "\n");
  const done = plan.filter((run) => store.has(run.key));
  const claims = plan.filter((run) => !store.has(run.key)).map((run) => ({run, claim: inspectClaim(join(store.dir, `${run.key}.claim`))}));
  const running = claims.filter((c) => c.claim && !c.claim.abandoned);
  const abandoned = claims.filter((c) => c.claim?.abandoned);
  const missing = plan.length - done.length - running.length;
  say(`study ${study} in ${store.dir}: ${plan.length} runs; ${done.length} done, ${running.length} running, ${missing} missing${abandoned.length ? ` (${abandoned.length} of them held by a dead process, taken over by the next sweep)` : ""}`);
  for (const {run, claim} of running) {
    const owner = claim!.owner;
    say(`  running ${run.key} ${run.config.family} on ${owner?.host ?? "?"}${owner?.slurm ? ` (Slurm ${owner.slurm})` : ""}, pid ${owner?.pid ?? "?"}, heartbeat ${Math.round(claim!.heartbeatAgeMs / 1000)}s ago`);
  }
  const jobs = submissions(store.dir, study);
  if (jobs.length === 0) {
    say("no Slurm submissions recorded in this store");
    return;
  }
  const queued = squeueTasks(jobs.map((j) => j.jobId), process.env.SQUEUE ?? "squeue");
  for (const job of jobs) {
    const left = job.keys.filter((k) => !store.has(k)).length;
    const tasks = queued?.filter((t) => t.id === job.jobId || t.id.startsWith(`${job.jobId}_`)) ?? [];
    const states = new Map<string, number>();
    for (const t of tasks) states.set(t.state, (states.get(t.state) ?? 0) + 1);
    const queue = queued === undefined ? "squeue unavailable" : tasks.length === 0 ? "no task in the queue" : [...states].map(([s, n]) => `${n} ${s.toLowerCase()}`).join(", ");
    say(`job ${job.jobId} (${job.submitted}): ${job.runs} run(s) in ${job.tasks} task(s), ${job.runs - left} of them stored; Slurm: ${queue}`);
  }
  if (missing > 0 && queued?.length === 0) say(`${missing} run(s) missing and nothing queued: submit again with --slurm to train them`);
}
