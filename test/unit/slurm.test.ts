// The Slurm job script writer and the cross-host claim takeover (no Slurm needed: a fake sbatch / squeue where
// submission is exercised). The real cluster test is scripts/slurm-test.sh (npm run test:slurm).
import {test, after} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {hostname, tmpdir} from "node:os";
import {join} from "node:path";
import {claim, claimTimeoutMs, inspectClaim, slurmJobOf, STALE_CLAIM_MS} from "../../training/store/claim.js";
import {RunStore} from "../../training/store/run-store.js";
import {arraySpec, checkSlurmTime, jobScript, parseParsable, readRunsFile, shellQuote, squeueTasks, submissions, submitArray, type SlurmJobSpec} from "../../training/sweep/slurm.js";
import {runSweep} from "../../training/sweep/run-sweep.js";
import {fileURLToPath} from "node:url";
import {fakePlan} from "./helpers/fake-plan.js";

const made: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "ecg-slurm-unit-"));
  made.push(dir);
  return dir;
};
after(() => made.forEach((d) => rmSync(d, {recursive: true, force: true})));

const SPEC: SlurmJobSpec = {
  study: "smoke",
  repoDir: "/shared/ecg scaling",
  node: "/opt/node/bin/node",
  storeDir: "/shared/runs",
  jobDir: "/shared/runs/slurm/smoke-20261205T040000Z",
  cacheDir: "/shared/cache",
  runs: 16,
  tasks: 8,
  parallelism: 2,
  cpusPerTask: 2,
  partition: "cpu",
  time: "1:00:00",
  gres: "gpu:1",
  claimTimeoutMinutes: 10,
  written: "2026-12-05T04:00:00.000Z"
};

test("the job script carries every sbatch option and runs one shard of the listed runs per array task", () => {
  const script = jobScript(SPEC);
  const directives = script.split("\n").filter((l) => l.startsWith("#SBATCH "));
  assert.deepEqual(directives, [
    "#SBATCH --job-name=ecg-smoke",
    "#SBATCH --array=0-7%2",
    "#SBATCH --cpus-per-task=2",
    "#SBATCH --ntasks=1",
    "#SBATCH --partition=cpu",
    "#SBATCH --time=1:00:00",
    "#SBATCH --gres=gpu:1",
    "#SBATCH --output=/shared/runs/slurm/smoke-20261205T040000Z/task-%A_%a.out",
    "#SBATCH --open-mode=append",
    "#SBATCH --requeue"
  ]);
  assert.ok(script.startsWith("#!/bin/bash\n"));
  assert.match(script, /^cd '\/shared\/ecg scaling'$/m, "paths are quoted for the shell");
  assert.match(script, /^export ECG_CACHE_DIR='\/shared\/cache'$/m);
  const exec = script.split("\n").find((l) => l.startsWith("exec "))!;
  assert.equal(
    exec,
    `exec '/opt/node/bin/node' --import tsx training/cli/sweep.ts --study 'smoke' --store '/shared/runs' --runs-file '/shared/runs/slurm/smoke-20261205T040000Z/runs.txt' --shard "$((SLURM_ARRAY_TASK_ID + 1))/8" --workers "\${SLURM_CPUS_PER_TASK:-2}" --claim-timeout 10`
  );
  // Optional options are left out, not written empty.
  const bare = jobScript({...SPEC, partition: undefined, time: undefined, gres: undefined, parallelism: undefined});
  assert.doesNotMatch(bare, /--partition|--time=|--gres/);
  assert.match(bare, /^#SBATCH --array=0-7$/m);
  // bash accepts it.
  const file = join(fresh(), "job.sh");
  writeFileSync(file, script);
  assert.equal(spawnSync("bash", ["-n", file]).status, 0);
});

test("the shard arithmetic covers tasks 0..n-1 exactly once each", () => {
  const script = jobScript({...SPEC, tasks: 3});
  const shards = [0, 1, 2].map((task) => {
    const line = script.split("\n").find((l) => l.startsWith("exec "))!;
    const expr = /--shard "\$\(\(SLURM_ARRAY_TASK_ID \+ 1\)\)\/(\d+)"/.exec(line)!;
    return `${task + 1}/${expr[1]}`;
  });
  assert.deepEqual(shards, ["1/3", "2/3", "3/3"]);
  const out = spawnSync("bash", ["-c", 'SLURM_ARRAY_TASK_ID=2; echo "$((SLURM_ARRAY_TASK_ID + 1))/3"'], {encoding: "utf8"}).stdout.trim();
  assert.equal(out, "3/3");
});

test("array specs, time limits, quoting and sbatch --parsable answers", () => {
  assert.equal(arraySpec(16, 2), "0-15%2");
  assert.equal(arraySpec(1), "0-0");
  assert.throws(() => arraySpec(0), /at least one task/);
  for (const ok of ["30", "1:00:00", "2-00:00:00", "1-12", "45:00", "UNLIMITED"]) assert.equal(checkSlurmTime(ok), ok);
  for (const bad of ["1h", "", "ten", "1:2:3:4"]) assert.throws(() => checkSlurmTime(bad), /--time/);
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(parseParsable("12\n"), "12");
  assert.equal(parseParsable("345;cluster\n"), "345");
  assert.throws(() => parseParsable("sbatch: error: Batch job submission failed"), /no job id/);
});

test("a submission writes runs.txt, job.sh and job.json under the store and reads back; squeue output is parsed", () => {
  const dir = fresh();
  const sbatchLog = join(dir, "sbatch-args");
  writeFileSync(join(dir, "fake-sbatch"), `#!/bin/sh\necho "$@" > '${sbatchLog}'\necho 4242\n`);
  writeFileSync(join(dir, "fake-squeue"), `#!/bin/sh\nprintf '4242_0|RUNNING|vm\\n4242_1|PENDING|(JobArrayTaskLimit)\\n'\n`);
  chmodSync(join(dir, "fake-sbatch"), 0o755);
  chmodSync(join(dir, "fake-squeue"), 0o755);
  const storeDir = join(dir, "store");
  const {jobDir: _ignored, ...spec} = SPEC;
  const submitted = submitArray({...spec, storeDir, runs: 3, tasks: 3}, ["a1", "b2", "c3"], join(dir, "fake-sbatch"));
  assert.equal(submitted.jobId, "4242");
  assert.equal(readFileSync(sbatchLog, "utf8").trim(), `--parsable ${join(submitted.jobDir, "job.sh")}`);
  assert.deepEqual(readRunsFile(join(submitted.jobDir, "runs.txt")), ["a1", "b2", "c3"]);
  assert.match(readFileSync(join(submitted.jobDir, "job.sh"), "utf8"), /#SBATCH --array=0-2%2/);
  const listed = submissions(storeDir, "smoke");
  assert.equal(listed.length, 1);
  assert.equal(listed[0].jobId, "4242");
  assert.deepEqual(listed[0].keys, ["a1", "b2", "c3"]);
  assert.deepEqual(submissions(storeDir, "quick"), []);
  // The job folder is not a run: the store still lists no run and reports no problem.
  assert.deepEqual(new RunStore(storeDir).list(), []);
  assert.deepEqual(new RunStore(storeDir).problems(), []);
  assert.deepEqual(squeueTasks(["4242"], join(dir, "fake-squeue")), [
    {id: "4242_0", state: "RUNNING", reason: "vm"},
    {id: "4242_1", state: "PENDING", reason: "(JobArrayTaskLimit)"}
  ]);
  assert.equal(squeueTasks(["1"], join(dir, "no-such-squeue")), undefined);
  // sbatch missing or refusing: a message that says so.
  assert.throws(() => submitArray({...spec, storeDir, runs: 1, tasks: 1}, ["a1"], join(dir, "no-such-sbatch")), /not found/);
});

/** Writes a claim file as a process on `host` would, its heartbeat `ageMs` old. */
function foreignClaim(path: string, host: string, ageMs: number, pid = 1): void {
  writeFileSync(path, JSON.stringify({host, pid, since: new Date(Date.now() - ageMs).toISOString(), slurm: "77_3"}));
  const then = new Date(Date.now() - ageMs);
  utimesSync(path, then, then);
}

test("a claim held on another host is respected while it heartbeats and taken over once its heartbeat is older than the timeout", () => {
  const dir = fresh();
  const path = join(dir, "run.claim");
  // pid 1 is alive here; on another host it means nothing, so only the heartbeat counts.
  foreignClaim(path, "node-17", 60_000);
  assert.equal(claim(path, {timeoutMs: 5 * 60_000}), undefined, "a claim touched a minute ago is live");
  const seen = inspectClaim(path, {timeoutMs: 5 * 60_000})!;
  assert.equal(seen.abandoned, false);
  assert.equal(seen.owner?.host, "node-17");
  assert.equal(seen.owner?.slurm, "77_3");
  foreignClaim(path, "node-17", 6 * 60_000);
  assert.equal(inspectClaim(path, {timeoutMs: 5 * 60_000})!.abandoned, true);
  const taken = claim(path, {timeoutMs: 5 * 60_000});
  assert.ok(taken, "a claim whose heartbeat is older than the timeout is taken over");
  const owner = JSON.parse(readFileSync(path, "utf8"));
  assert.equal(owner.host, hostname());
  assert.equal(owner.pid, process.pid);
  // The heartbeat keeps it: an old mtime refreshed by touch() is live again for the others.
  const then = new Date(Date.now() - 6 * 60_000);
  utimesSync(path, then, then);
  taken.touch();
  assert.ok(inspectClaim(path, {timeoutMs: 5 * 60_000})!.heartbeatAgeMs < 5_000);
  taken.release();
  assert.equal(existsSync(path), false);
});

test("the claim timeout defaults to STALE_CLAIM_MS and follows ECG_CLAIM_TIMEOUT_MINUTES", () => {
  assert.equal(claimTimeoutMs({}), STALE_CLAIM_MS);
  assert.equal(claimTimeoutMs({ECG_CLAIM_TIMEOUT_MINUTES: "2.5"}), 150_000);
  assert.throws(() => claimTimeoutMs({ECG_CLAIM_TIMEOUT_MINUTES: "0"}), /positive/);
  const dir = fresh();
  const path = join(dir, "run.claim");
  foreignClaim(path, "node-17", STALE_CLAIM_MS - 60_000);
  const saved = process.env.ECG_CLAIM_TIMEOUT_MINUTES;
  try {
    delete process.env.ECG_CLAIM_TIMEOUT_MINUTES;
    assert.equal(claim(path), undefined, "within the default timeout");
    process.env.ECG_CLAIM_TIMEOUT_MINUTES = "1";
    assert.ok(claim(path), "past a shorter timeout set in the environment");
  } finally {
    if (saved === undefined) delete process.env.ECG_CLAIM_TIMEOUT_MINUTES;
    else process.env.ECG_CLAIM_TIMEOUT_MINUTES = saved;
  }
  assert.deepEqual(slurmJobOf({SLURM_ARRAY_JOB_ID: "12", SLURM_ARRAY_TASK_ID: "3", SLURM_JOB_ID: "15"}), "12_3");
  assert.equal(slurmJobOf({SLURM_JOB_ID: "15"}), "15");
  assert.equal(slurmJobOf({}), undefined);
});

test("a sweep trains the run a dead task on another node claimed (after the timeout) and leaves a live one alone", async () => {
  const store = new RunStore(fresh());
  const plan = fakePlan(3, 1);
  const [dead, live] = [plan[0].key, plan[1].key];
  store.claim("0".repeat(20))?.release(); // creates the folder
  foreignClaim(join(store.dir, `${dead}.claim`), "node-17", 20 * 60_000);
  foreignClaim(join(store.dir, `${live}.claim`), "node-18", 30_000);
  const saved = process.env.ECG_CLAIM_TIMEOUT_MINUTES;
  process.env.ECG_CLAIM_TIMEOUT_MINUTES = "10";
  try {
    const summary = await runSweep({
      runs: plan,
      storeDir: store.dir,
      codeVersion: "test",
      workers: 2,
      trainerModule: fileURLToPath(new URL("./helpers/fake-trainer.ts", import.meta.url))
    });
    assert.deepEqual(summary.trained.sort(), [dead, plan[2].key].sort(), "the dead node's run is trained here");
    assert.deepEqual(summary.elsewhere, [live], "the live node's run is left to it");
  } finally {
    if (saved === undefined) delete process.env.ECG_CLAIM_TIMEOUT_MINUTES;
    else process.env.ECG_CLAIM_TIMEOUT_MINUTES = saved;
  }
  assert.equal(existsSync(join(store.dir, `${dead}.claim`)), false, "the taken-over claim is released after training");
  assert.equal(existsSync(join(store.dir, `${live}.claim`)), true);
});

test("claims of stored runs left by killed sweeps are removed; live ones and unstored runs' claims stay", () => {
  const store = new RunStore(fresh());
  const [a, b, c] = fakePlan(3, 1);
  for (const run of [a, b]) store.write({key: run.key, codeVersion: "test", config: run.config, result: {}});
  foreignClaim(join(store.dir, `${a.key}.claim`), hostname(), 1_000, 2 ** 22 + 12345); // a dead pid on this host
  const held = store.claim(b.key)!; // alive (this process)
  foreignClaim(join(store.dir, `${c.key}.claim`), hostname(), 1_000, 2 ** 22 + 12345); // dead, but its run is not stored
  assert.deepEqual(store.removeAbandonedClaims(), [a.key]);
  assert.equal(existsSync(join(store.dir, `${b.key}.claim`)), true);
  assert.equal(existsSync(join(store.dir, `${c.key}.claim`)), true, "an unstored run's dead claim is for the next sweep to take over");
  held.release();
});

test("a worker whose sweep is SIGKILLed alone (as scancel --batch --signal=KILL does) stores nothing, even when the run's last stretch never yields to the event loop", async () => {
  const {spawn} = await import("node:child_process");
  const {readdirSync} = await import("node:fs");
  const dir = fresh();
  const started = join(fresh(), "started");
  // One fake run of 3 s in one synchronous stretch: the worker never sees the IPC channel close, only its parent pid change.
  const {NODE_TEST_CONTEXT: _ignored, ...env} = process.env;
  const driver = spawn(process.execPath, ["--import", "tsx", join("test", "unit", "helpers", "sweep-driver.ts"), dir, "1", "3000"], {
    stdio: "ignore",
    env: {...env, FAKE_TRAINER_BUSY: "1", FAKE_TRAINER_STARTED: started}
  });
  const exited = new Promise((r) => driver.on("exit", r));
  for (let waited = 0; !existsSync(started) && waited < 60_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  assert.ok(existsSync(started), "the worker started its run");
  const worker = Number(readFileSync(started, "utf8"));
  driver.kill("SIGKILL"); // the sweep only, not its worker
  await exited;
  const alive = () => {
    try {
      process.kill(worker, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let waited = 0; alive() && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  assert.equal(alive(), false, "the orphaned worker exited");
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".json")), [], "the orphaned worker wrote no result");
});
