// A sweep as a Slurm job array: the job script (kept under the store, beside the list of runs it trains), its
// submission with `sbatch --parsable`, and what `squeue` says about it. One array task per shard of the runs that
// were missing at submission; each task is an ordinary sweep (claims, atomic writes, checkpoints) over its shard,
// so a preempted, cancelled or killed task loses at most its unfinished runs, which a resubmission trains.
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {writeFileAtomic} from "../io/atomic-write.js";

export interface SlurmJobSpec {
  study: string;
  /** Absolute paths: the repository the tasks run from, the node binary, the store, this submission's folder. */
  repoDir: string;
  node: string;
  storeDir: string;
  jobDir: string;
  /** The corpus/codebook cache root every task uses (a shared folder on a multi-node cluster). */
  cacheDir: string;
  /** Runs to train (their keys, in runs.txt) and how many array tasks share them. */
  runs: number;
  tasks: number;
  /** Tasks running at once (sbatch --array=0-N%K); unset: as many as Slurm allows. */
  parallelism?: number;
  cpusPerTask: number;
  partition?: string;
  /** Slurm time limit per task, as sbatch takes it (minutes, or [D-]HH:MM:SS). */
  time?: string;
  /** Generic resources per task (sbatch --gres), e.g. "gpu:1" for a GPU node with tfjs-node-gpu. */
  gres?: string;
  /** Claim timeout in minutes (runs held by a task on another node that stopped heartbeating are taken over after it). */
  claimTimeoutMinutes: number;
  /** When it was written (for the record). */
  written: string;
}

/** Single-quotes a string for bash. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** sbatch's --array value: tasks 0..n-1, at most `parallelism` at once. */
export function arraySpec(tasks: number, parallelism?: number): string {
  if (!Number.isInteger(tasks) || tasks < 1) throw new Error(`a job array needs at least one task, got ${tasks}`);
  return `0-${tasks - 1}${parallelism ? `%${parallelism}` : ""}`;
}

/** Slurm's time formats: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS, or UNLIMITED. */
export function checkSlurmTime(text: string): string {
  if (/^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+(:\d{1,2}(:\d{1,2})?)?|UNLIMITED|INFINITE)$/i.test(text.trim())) return text.trim();
  throw new Error(`--time must be a Slurm time limit (minutes, HH:MM:SS or D-HH:MM:SS), got "${text}"`);
}

/** The job script: every sbatch option in #SBATCH lines, so the file alone records how the array was submitted. */
export function jobScript(spec: SlurmJobSpec): string {
  const q = shellQuote;
  const directives = [
    `--job-name=ecg-${spec.study}`,
    `--array=${arraySpec(spec.tasks, spec.parallelism)}`,
    `--cpus-per-task=${spec.cpusPerTask}`,
    `--ntasks=1`,
    ...(spec.partition ? [`--partition=${spec.partition}`] : []),
    ...(spec.time ? [`--time=${checkSlurmTime(spec.time)}`] : []),
    ...(spec.gres ? [`--gres=${spec.gres}`] : []),
    `--output=${join(spec.jobDir, "task-%A_%a.out")}`,
    // A requeued (preempted) task appends to its log instead of replacing it; it resumes from its checkpoints.
    `--open-mode=append`,
    `--requeue`
  ];
  const sweep = [
    q(spec.node),
    "--import",
    "tsx",
    "training/cli/sweep.ts",
    "--study",
    q(spec.study),
    "--store",
    q(spec.storeDir),
    "--runs-file",
    q(join(spec.jobDir, "runs.txt")),
    "--shard",
    `"$((SLURM_ARRAY_TASK_ID + 1))/${spec.tasks}"`,
    "--workers",
    `"\${SLURM_CPUS_PER_TASK:-${spec.cpusPerTask}}"`,
    "--claim-timeout",
    String(spec.claimTimeoutMinutes)
  ];
  return [
    "#!/bin/bash",
    ...directives.map((d) => `#SBATCH ${d}`),
    `# Written by \`npm run sweep -- --study ${spec.study} --slurm\` at ${spec.written}: ${spec.runs} run(s) listed in runs.txt beside`,
    `# this file, ${spec.tasks} array task(s); task i trains shard i+1/${spec.tasks} of them with the run store's claims, so`,
    `# a run is trained once however tasks are cancelled, preempted or resubmitted. Rerunning the sweep command with`,
    `# --slurm submits a new array over whatever is still missing.`,
    "set -euo pipefail",
    `cd ${q(spec.repoDir)}`,
    `export ECG_CACHE_DIR=${q(spec.cacheDir)}`,
    `echo "task \${SLURM_ARRAY_JOB_ID:-?}_\${SLURM_ARRAY_TASK_ID:-?} on $(hostname) at $(date -u +%FT%TZ)" >&2`,
    `exec ${sweep.join(" ")}`,
    ""
  ].join("\n");
}

/** The job id in `sbatch --parsable`'s answer ("12" or "12;cluster"). */
export function parseParsable(stdout: string): string {
  const line = stdout.trim().split("\n").pop() ?? "";
  const m = /^(\d+)(;\S+)?$/.exec(line.trim());
  if (!m) throw new Error(`sbatch --parsable printed no job id: "${stdout.trim()}"`);
  return m[1];
}

/** What one submission left in its folder (job.json). */
export interface SubmissionRecord {
  jobId: string;
  study: string;
  runs: number;
  tasks: number;
  submitted: string;
  script: string;
}

/** Writes runs.txt and job.sh into a new folder under `<store>/slurm/`, submits it, and records job.json. */
export function submitArray(spec: Omit<SlurmJobSpec, "jobDir">, keys: string[], sbatch = "sbatch"): SubmissionRecord & {jobDir: string} {
  const stamp = spec.written.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  let jobDir = join(spec.storeDir, "slurm", `${spec.study}-${stamp}`);
  for (let i = 2; existsSync(jobDir); i++) jobDir = join(spec.storeDir, "slurm", `${spec.study}-${stamp}-${i}`);
  mkdirSync(jobDir, {recursive: true});
  writeFileAtomic(join(jobDir, "runs.txt"), keys.join("\n") + "\n");
  const script = join(jobDir, "job.sh");
  writeFileSync(script, jobScript({...spec, jobDir}), {mode: 0o755});
  const result = spawnSync(sbatch, ["--parsable", script], {encoding: "utf8"});
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === "ENOENT";
    throw new Error(missing ? `${sbatch} not found: --slurm needs Slurm's client commands (sbatch, squeue) on this machine` : `${sbatch}: ${result.error.message}`);
  }
  if (result.status !== 0) throw new Error(`sbatch refused the job (exit ${result.status}): ${(result.stderr || result.stdout).trim()}\njob script: ${script}`);
  const record: SubmissionRecord = {jobId: parseParsable(result.stdout), study: spec.study, runs: keys.length, tasks: spec.tasks, submitted: spec.written, script};
  writeFileAtomic(join(jobDir, "job.json"), JSON.stringify(record, null, 1) + "\n");
  return {...record, jobDir};
}

/** Every submission recorded under the store (oldest first), optionally for one study. */
export function submissions(storeDir: string, study?: string): (SubmissionRecord & {jobDir: string; keys: string[]})[] {
  const root = join(storeDir, "slurm");
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .flatMap((name) => {
      const jobDir = join(root, name);
      try {
        const record = JSON.parse(readFileSync(join(jobDir, "job.json"), "utf8")) as SubmissionRecord;
        if (study && record.study !== study) return [];
        return [{...record, jobDir, keys: readRunsFile(join(jobDir, "runs.txt"))}];
      } catch {
        return [];
      }
    });
}

/** The keys in a runs file (one a line; blank lines and # comments ignored). */
export function readRunsFile(path: string): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}

/** One array task as squeue lists it. */
export interface QueuedTask {
  id: string;
  state: string;
  reason: string;
}

/** squeue's view of some jobs (array tasks expanded); undefined when squeue cannot be run. */
export function squeueTasks(jobIds: string[], squeue = "squeue"): QueuedTask[] | undefined {
  if (jobIds.length === 0) return [];
  const result = spawnSync(squeue, ["-h", "-r", "-j", jobIds.join(","), "-o", "%i|%T|%R"], {encoding: "utf8"});
  if (result.error) return undefined;
  // squeue exits non-zero ("Invalid job id specified") once every listed job has left the controller's memory.
  if (result.status !== 0) return /invalid job id/i.test(result.stderr) ? [] : undefined;
  return result.stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [id, state, reason] = line.split("|");
      return {id, state, reason: reason ?? ""};
    });
}
