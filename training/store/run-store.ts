// The run store: one JSON file per run, named by its key (hash of config + code
// version), written atomically. A run in the store is never trained again. The
// folder may be shared by several processes or machines (see claim.ts).
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {hostname} from "node:os";
import {join} from "node:path";
import {writeFileAtomic} from "../io/atomic-write.js";
import {claim, inspectClaim, type Claim} from "./claim.js";
import {runKey} from "./run-key.js";

export interface StoredRun<Config = unknown, Result = unknown> {
  key: string;
  codeVersion: string;
  config: Config;
  result: Result;
}

export class RunStoreError extends Error {
  constructor(readonly file: string, readonly problem: string) {
    super(`${file}: ${problem}`);
    this.name = "RunStoreError";
  }
}

const RUN_FILE = /^[0-9a-f]{20}\.json$/;

export class RunStore {
  constructor(readonly dir: string) {}

  keyOf(config: unknown, codeVersion: string): string {
    return runKey(config, codeVersion);
  }

  pathOf(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  has(key: string): boolean {
    return existsSync(this.pathOf(key));
  }

  /** The stored run, or undefined when absent; a file that is not a valid run is an error naming it. */
  read<C = unknown, R = unknown>(key: string): StoredRun<C, R> | undefined {
    const file = this.pathOf(key);
    if (!existsSync(file)) return undefined;
    return parseRun<C, R>(file, key);
  }

  write(run: StoredRun): void {
    if (run.key !== runKey(run.config, run.codeVersion)) {
      throw new RunStoreError(this.pathOf(run.key), "the key does not match the run's config and code version");
    }
    mkdirSync(this.dir, {recursive: true});
    writeFileAtomic(this.pathOf(run.key), JSON.stringify(run, null, 1) + "\n");
  }

  /** Every stored run, in key order. */
  list<C = unknown, R = unknown>(): StoredRun<C, R>[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => RUN_FILE.test(f))
      .sort()
      .map((f) => parseRun<C, R>(join(this.dir, f), f.slice(0, -5)));
  }

  /** Every run file that is not a valid run record, each with its problem (a build checks these before it starts). */
  problems(): RunStoreError[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => RUN_FILE.test(f))
      .sort()
      .flatMap((f) => {
        try {
          parseRun(join(this.dir, f), f.slice(0, -5));
          return [];
        } catch (error) {
          if (error instanceof RunStoreError) return [error];
          throw error;
        }
      });
  }

  /** Claims a run for training; undefined when a live process already trains it. */
  claim(key: string): Claim | undefined {
    mkdirSync(this.dir, {recursive: true});
    return claim(join(this.dir, `${key}.claim`));
  }

  /**
   * Removes temporary files left by writers on this host that were killed between
   * write and rename (named .<file>.<host>.<pid>.<random>.tmp by writeFileAtomic).
   */
  removeStaleTemporaries(): void {
    if (!existsSync(this.dir)) return;
    for (const f of readdirSync(this.dir)) {
      const m = /\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(f);
      if (m && f.startsWith(".") && f.slice(0, m.index).endsWith(`.${hostname()}`) && !processAlive(Number(m[1]))) {
        rmSync(join(this.dir, f), {force: true});
      }
    }
  }

  /**
   * Removes the claims of runs already stored whose holder is gone (a process killed between the store's write and
   * its release); nothing would ever train those runs again, so nothing else would clear them. Returns their keys.
   */
  removeAbandonedClaims(): string[] {
    if (!existsSync(this.dir)) return [];
    const removed: string[] = [];
    for (const f of readdirSync(this.dir)) {
      if (!/^[0-9a-f]{20}\.claim$/.test(f)) continue;
      const key = f.slice(0, 20);
      if (this.has(key) && inspectClaim(join(this.dir, f))?.abandoned) {
        rmSync(join(this.dir, f), {force: true});
        removed.push(key);
      }
    }
    return removed;
  }

  /** Where an interrupted run keeps its checkpoint (not committed; see .gitignore). */
  checkpointPath(key: string): string {
    return join(this.dir, "checkpoints", `${key}.ckpt`);
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

function parseRun<C, R>(file: string, key: string): StoredRun<C, R> {
  let run: StoredRun<C, R>;
  try {
    run = JSON.parse(readFileSync(file, "utf8")) as StoredRun<C, R>;
  } catch (error) {
    throw new RunStoreError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (run === null || typeof run !== "object" || run.key !== key || typeof run.codeVersion !== "string" || run.config == null || run.result == null) {
    throw new RunStoreError(file, "not a run record (needs key, codeVersion, config and result, with the key matching the file name)");
  }
  if (runKey(run.config, run.codeVersion) !== key) {
    throw new RunStoreError(file, "its config does not hash to its key: the file was edited by hand");
  }
  return run;
}
