// Claims keep two sweeps sharing a store (two shards, two full copies, two machines on
// a shared filesystem) from training the same run twice. A claim is a file created with
// O_EXCL (atomic on POSIX filesystems, NFSv3+ included) holding who holds it. A claim
// whose process is gone (same host, dead pid) or whose heartbeat is stale (another
// host: its holder refreshes the file's mtime every minute, so a claim not refreshed for
// the claim timeout belongs to a dead task on another node) is taken over, so a killed
// sweep never blocks its successor.
import {closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, utimesSync, writeSync, statSync} from "node:fs";
import {hostname} from "node:os";
import {randomBytes} from "node:crypto";

export interface ClaimOwner {
  host: string;
  pid: number;
  since: string;
  /** The Slurm job (array job id and task, "12_3", or job id) the holder ran in, when it ran in one. */
  slurm?: string;
}

export interface Claim {
  path: string;
  /** Refresh the heartbeat (call during long runs). */
  touch(): void;
  release(): void;
}

/** A claim not refreshed for this long is considered abandoned by a process on another host (default; ECG_CLAIM_TIMEOUT_MINUTES or --claim-timeout change it). */
export const STALE_CLAIM_MS = 10 * 60 * 1000;

/** The claim timeout in force: ECG_CLAIM_TIMEOUT_MINUTES (minutes, > 0), else STALE_CLAIM_MS. */
export function claimTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.ECG_CLAIM_TIMEOUT_MINUTES;
  if (text === undefined || text.trim() === "") return STALE_CLAIM_MS;
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error(`ECG_CLAIM_TIMEOUT_MINUTES must be a positive number of minutes, got "${text}"`);
  return minutes * 60_000;
}

export interface ClaimOptions {
  /** How long a claim from another host may go without a heartbeat before it is taken over (default claimTimeoutMs()). */
  timeoutMs?: number;
}

/** The Slurm job this process runs in ("12_3" for task 3 of array job 12), or undefined outside Slurm. */
export function slurmJobOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SLURM_ARRAY_JOB_ID && env.SLURM_ARRAY_TASK_ID) return `${env.SLURM_ARRAY_JOB_ID}_${env.SLURM_ARRAY_TASK_ID}`;
  return env.SLURM_JOB_ID || undefined;
}

/** What a claim file says and whether it would be taken over now; undefined when there is no such file. */
export function inspectClaim(path: string, options: ClaimOptions = {}): {owner?: ClaimOwner; heartbeatAgeMs: number; abandoned: boolean} | undefined {
  try {
    const text = readFileSync(path, "utf8");
    const mtimeMs = statSync(path).mtimeMs;
    let owner: ClaimOwner | undefined;
    try {
      owner = JSON.parse(text) as ClaimOwner;
    } catch {
      owner = undefined;
    }
    return {owner, heartbeatAgeMs: Date.now() - mtimeMs, abandoned: abandoned(text, mtimeMs, options.timeoutMs ?? claimTimeoutMs())};
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function abandoned(text: string, mtimeMs: number, timeoutMs: number): boolean {
  let owner: ClaimOwner;
  try {
    owner = JSON.parse(text) as ClaimOwner;
  } catch {
    // Half-written claim (its writer died between create and write): judge by age alone.
    return Date.now() - mtimeMs > 60_000;
  }
  if (owner.host === hostname()) return !processAlive(owner.pid);
  // Another host: its pid means nothing here, so judge by the heartbeat (the holder touches the file every minute).
  return Date.now() - mtimeMs > timeoutMs;
}

function tryCreate(path: string): Claim | undefined {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  }
  const slurm = slurmJobOf();
  const owner: ClaimOwner = {host: hostname(), pid: process.pid, since: new Date().toISOString(), ...(slurm ? {slurm} : {})};
  writeSync(fd, JSON.stringify(owner));
  closeSync(fd);
  return {
    path,
    touch: () => {
      const now = new Date();
      utimesSync(path, now, now);
    },
    release: () => rmSync(path, {force: true})
  };
}

/** Claims `path`, taking over an abandoned claim; undefined when a live process holds it. */
export function claim(path: string, options: ClaimOptions = {}): Claim | undefined {
  const fresh = tryCreate(path);
  if (fresh) return fresh;
  const timeoutMs = options.timeoutMs ?? claimTimeoutMs();
  let judged: string;
  try {
    judged = readFileSync(path, "utf8");
    if (!abandoned(judged, statSync(path).mtimeMs, timeoutMs)) return undefined;
  } catch {
    return tryCreate(path); // released between our two looks
  }
  // Take over by renaming the abandoned claim aside: of two takers only one rename
  // succeeds. If what we moved is not the claim we judged (another taker already
  // replaced it with a fresh one), put it back and yield.
  const aside = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return tryCreate(path);
  }
  if (readFileSync(aside, "utf8") !== judged) {
    if (!existsSync(path)) renameSync(aside, path);
    else rmSync(aside, {force: true});
    return undefined;
  }
  rmSync(aside, {force: true});
  return tryCreate(path);
}
