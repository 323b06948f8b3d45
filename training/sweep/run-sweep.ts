// Trains a list of planned runs with N worker processes (default one per core, each
// single-threaded), skipping runs already in the store and runs another process has
// claimed. Safe to kill at any moment and to run several times at once on one store:
// results are written atomically by the workers, claims of dead processes are taken
// over, and a run in the store is never trained again.
import {fork, type ChildProcess} from "node:child_process";
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {RunStore} from "../store/run-store.js";
import type {Claim} from "../store/claim.js";
import type {FromWorker, PlannedRun, ToWorker} from "./types.js";
import type {TrainProgress} from "../train/progress.js";

export interface SweepOptions {
  runs: PlannedRun[];
  storeDir: string;
  codeVersion: string;
  workers: number;
  /** Path of the trainer module the workers load (default export: TrainerModule). */
  trainerModule: string;
  /** Extra environment for the workers (e.g. ECG_THREADS=1). */
  env?: NodeJS.ProcessEnv;
  onEvent?: (event: SweepEvent) => void;
}

export type SweepEvent =
  | {type: "start"; key: string; worker: number; resuming: boolean}
  | {type: "progress"; key: string; worker: number; progress: TrainProgress}
  | {type: "done"; key: string; worker: number; seconds: number}
  | {type: "failed"; key: string; worker: number; message: string}
  | {type: "skipped"; key: string; reason: "stored" | "claimed"}
  | {type: "interrupted"; signal: NodeJS.Signals; unfinished: string[]};

export interface SweepSummary {
  trained: string[];
  alreadyStored: string[];
  /** Claimed by another live process when this sweep reached them. */
  elsewhere: string[];
  failed: {key: string; message: string}[];
  /** Set when SIGINT or SIGTERM stopped the sweep: its claims were released, its checkpoints kept. */
  interrupted?: {signal: NodeJS.Signals; unfinished: string[]};
}

/** Shared between the workers of one sweep: set on SIGINT / SIGTERM, so no new run starts and no death counts as a failure. */
interface Stop {
  signal?: NodeJS.Signals;
  children: Set<ChildProcess>;
}

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));
const HEARTBEAT_MS = 60_000;

export async function runSweep(options: SweepOptions): Promise<SweepSummary> {
  const store = new RunStore(options.storeDir);
  store.removeStaleTemporaries();
  // A sweep killed between a run's write and its claim's release leaves a claim nothing would clear.
  store.removeAbandonedClaims();
  const queue = [...options.runs].sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));
  const summary: SweepSummary = {trained: [], alreadyStored: [], elsewhere: [], failed: []};
  const emit = options.onEvent ?? (() => {});
  const claims = new Map<string, Claim>();
  const heartbeat = setInterval(() => claims.forEach((c) => c.touch()), HEARTBEAT_MS);

  /** Next run this process should train, claiming it; undefined when the queue is exhausted. */
  const next = (): PlannedRun | undefined => {
    for (let run = queue.shift(); run; run = queue.shift()) {
      if (store.has(run.key)) {
        summary.alreadyStored.push(run.key);
        emit({type: "skipped", key: run.key, reason: "stored"});
        continue;
      }
      const claim = store.claim(run.key);
      if (!claim) {
        summary.elsewhere.push(run.key);
        emit({type: "skipped", key: run.key, reason: "claimed"});
        continue;
      }
      // Another process may have finished it between our look and our claim.
      if (store.has(run.key)) {
        claim.release();
        summary.alreadyStored.push(run.key);
        continue;
      }
      claims.set(run.key, claim);
      return run;
    }
    return undefined;
  };

  const release = (key: string) => {
    claims.get(key)?.release();
    claims.delete(key);
  };

  // Ctrl-C (SIGINT) or a scheduler's SIGTERM: stop the workers, release this sweep's claims at once (another host
  // would otherwise wait for them to go stale), keep the checkpoints, and say how to resume.
  const stop: Stop = {children: new Set()};
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal) return;
    stop.signal = signal;
    const unfinished = [...claims.keys()];
    for (const key of unfinished) release(key);
    summary.interrupted = {signal, unfinished};
    emit({type: "interrupted", signal, unfinished});
    for (const child of stop.children) child.kill("SIGTERM");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const workerCount = Math.max(1, Math.min(options.workers, queue.length));
  try {
    await Promise.all(
      Array.from({length: workerCount}, (_, index) => runWorker(index, options, () => (stop.signal ? undefined : next()), release, summary, emit, stop))
    );
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    clearInterval(heartbeat);
    for (const key of [...claims.keys()]) release(key);
    // Again at the end: a worker orphaned by an earlier killed sweep may have stored its run while this one ran.
    store.removeAbandonedClaims();
  }
  return summary;
}

/** One worker process: feeds it runs until the queue is empty; replaces it if it dies. */
async function runWorker(
  index: number,
  options: SweepOptions,
  next: () => PlannedRun | undefined,
  release: (key: string) => void,
  summary: SweepSummary,
  emit: (event: SweepEvent) => void,
  stop: Stop
): Promise<void> {
  let run = next();
  while (run) {
    const child = fork(WORKER, [options.trainerModule], {
      execArgv: ["--import", "tsx"],
      env: {...process.env, ...options.env},
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    });
    stop.children.add(child);
    run = await drive(child, index, run, options, next, release, summary, emit, stop);
    stop.children.delete(child);
  }
}

/** Sends runs to one child until the queue is empty (returns undefined) or the child dies (returns the next run to retry elsewhere). */
function drive(
  child: ChildProcess,
  index: number,
  first: PlannedRun,
  options: SweepOptions,
  next: () => PlannedRun | undefined,
  release: (key: string) => void,
  summary: SweepSummary,
  emit: (event: SweepEvent) => void,
  stop: Stop
): Promise<PlannedRun | undefined> {
  return new Promise((resolve) => {
    let current: PlannedRun | undefined = first;
    const send = (run: PlannedRun) => {
      const message: ToWorker = {type: "train", run, storeDir: options.storeDir, codeVersion: options.codeVersion};
      child.send(message);
      emit({type: "start", key: run.key, worker: index, resuming: existsSync(new RunStore(options.storeDir).checkpointPath(run.key))});
    };
    const advance = () => {
      current = next();
      if (current) send(current);
      else child.disconnect();
    };
    child.on("message", (message: FromWorker) => {
      if (message.type === "ready") send(current!);
      else if (message.type === "progress") emit({type: "progress", key: message.key, worker: index, progress: message.progress});
      else if (message.type === "done") {
        summary.trained.push(message.key);
        release(message.key);
        emit({type: "done", key: message.key, worker: index, seconds: message.seconds});
        advance();
      } else if (message.type === "failed") {
        summary.failed.push({key: message.key, message: message.message});
        release(message.key);
        emit({type: "failed", key: message.key, worker: index, message: message.message});
        advance();
      }
    });
    child.on("exit", (code, signal) => {
      if (!current || stop.signal) return resolve(undefined);
      // The worker died mid-run (crash, out of memory): record it and carry on with a fresh worker.
      const message = `worker exited (${signal ?? `code ${code}`}) while training`;
      summary.failed.push({key: current.key, message});
      release(current.key);
      emit({type: "failed", key: current.key, worker: index, message});
      resolve(next());
    });
  });
}
