// The Slurm test's verdict on a store its job arrays trained (scripts/slurm-test.sh runs it):
//   - every planned run of the study is stored exactly once (one file per key, no other run), and is a valid record;
//   - no run was trained to completion twice (each key's "done" line appears at most once over every task log);
//   - each run's losses equal those of the same run trained without Slurm (the committed store), held to
//     reproductionCheck: bit-identical on the same backend and OpenBLAS kernel;
//   - no claim, temporary, stale-claim or checkpoint file is left in the store, and no build lock in the cache.
// usage: node --import tsx scripts/slurm-check.ts --store DIR --study smoke [--reference results/runs] [--cache DIR]
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {trainingCost, compareRuns, reproduces, reproductionCheck, type TrainConfig, type RunRecord} from "../training/models.js";
import {RunStore, planStudy, studyByName, TRAINING_CODE_VERSION} from "../training/studies.js";

const {values} = parseArgs({
  options: {store: {type: "string"}, study: {type: "string", default: "smoke"}, reference: {type: "string", default: "results/runs"}, cache: {type: "string"}}
});
if (!values.store) {
  process.stderr.write("usage: slurm-check.ts --store DIR [--study smoke] [--reference results/runs] [--cache DIR]\n");
  process.exit(2);
}
const storeDir = values.store;
let passed = 0;
let failed = 0;
const check = (ok: boolean, what: string, detail = "") => {
  if (ok) passed++;
  else failed++;
  process.stdout.write(`${ok ? "ok  " : "FAIL"} ${what}${detail ? `: ${detail}` : ""}\n`);
};

const store = new RunStore(storeDir);
const plan = planStudy(studyByName(values.study!), TRAINING_CODE_VERSION, trainingCost);
const planned = plan.map((r) => r.key).sort();

const problems = store.problems();
check(problems.length === 0, "every run file is a valid run record", problems.map((p) => p.message).join("; "));
const stored = problems.length ? [] : store.list<TrainConfig, RunRecord>();
const keys = stored.map((r) => r.key);
const extra = keys.filter((k) => !planned.includes(k));
const absent = planned.filter((k) => !keys.includes(k));
check(absent.length === 0 && extra.length === 0, `every one of the ${planned.length} planned runs is stored, and nothing else`, [absent.length ? `missing ${absent.join(", ")}` : "", extra.length ? `unplanned ${extra.join(", ")}` : ""].filter(Boolean).join("; "));

// Completions per key over every task log of every submission.
const logs: string[] = [];
const slurmDir = join(storeDir, "slurm");
if (existsSync(slurmDir)) {
  for (const job of readdirSync(slurmDir)) {
    for (const f of readdirSync(join(slurmDir, job))) if (/^task-.*\.out$/.test(f)) logs.push(join(slurmDir, job, f));
  }
}
const completions = new Map<string, number>();
for (const file of logs) {
  for (const m of readFileSync(file, "utf8").matchAll(/^\[\d+\/\d+\] ([0-9a-f]{20}) done in /gm)) completions.set(m[1], (completions.get(m[1]) ?? 0) + 1);
}
const twice = [...completions].filter(([, n]) => n > 1);
check(logs.length > 0 && twice.length === 0, `no run trained to completion twice (${logs.length} task logs, ${[...completions.values()].reduce((a, b) => a + b, 0)} completions)`, twice.map(([k, n]) => `${k} ${n} times`).join(", "));
const resumed = new Set(logs.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/^ {2}resuming ([0-9a-f]{20}) from its checkpoint$/gm)].map((m) => m[1])));
process.stdout.write(`note: ${resumed.size} run(s) resumed from a checkpoint left by a cancelled or killed task${resumed.size ? ` (${[...resumed].join(", ")})` : ""}\n`);
const silent = keys.filter((k) => !completions.has(k));
if (silent.length) process.stdout.write(`note: ${silent.length} stored run(s) have no "done" line (their task was killed between the store's write and the log line): ${silent.join(", ")}\n`);

// Losses against the same runs trained without Slurm.
const reference = new RunStore(values.reference!);
let compared = 0;
const mismatches: string[] = [];
const modes = new Set<string>();
for (const run of stored) {
  const ref = reference.read<TrainConfig, RunRecord>(run.key);
  if (!ref) {
    mismatches.push(`${run.key}: no reference run in ${values.reference}`);
    continue;
  }
  const mode = reproductionCheck(ref.result.backend, run.result.backend);
  modes.add(mode.why);
  const comparison = compareRuns(ref.result, run.result);
  compared += comparison.compared;
  if (!reproduces(mode, comparison)) mismatches.push(`${run.key}: ${comparison.differing} of ${comparison.compared} losses differ (max relative ${comparison.maxRel.toExponential(2)}; ${mode.why})`);
}
check(stored.length > 0 && mismatches.length === 0, `losses of ${stored.length} runs equal the runs trained without Slurm (${compared} losses; ${[...modes].join(" / ")})`, mismatches.join("; "));

// Nothing left behind.
const leftovers = existsSync(storeDir) ? readdirSync(storeDir).filter((f) => !/^[0-9a-f]{20}\.json$/.test(f) && f !== "slurm" && f !== "checkpoints") : [];
const checkpoints = existsSync(join(storeDir, "checkpoints")) ? readdirSync(join(storeDir, "checkpoints")) : [];
check(leftovers.length === 0 && checkpoints.length === 0, "no claim, temporary or checkpoint file left in the store", [...leftovers, ...checkpoints.map((c) => `checkpoints/${c}`)].join(", "));
if (values.cache) {
  const locks: string[] = [];
  for (const sub of ["corpora", "codebook"]) {
    const dir = join(values.cache, sub);
    if (existsSync(dir)) locks.push(...readdirSync(dir).filter((f) => /\.(lock|stale|tmp)$/.test(f)).map((f) => `${sub}/${f}`));
  }
  check(locks.length === 0, "no build lock or temporary file left in the cache", locks.join(", "));
}

process.stdout.write(`slurm-check: ${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
