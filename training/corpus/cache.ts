/**
 * Where built artifacts (corpora, the codebook) are cached, and how they are built only once.
 *
 * Location: `<repo>/.cache` (gitignored), or the folder in ECG_CACHE_DIR, or an explicit `cacheDir` option;
 * each kind has its own subfolder (`corpora/`, `codebook/`).
 *
 * Build-once file caching shared by the corpus and codebook caches: read the file if it exists; otherwise
 * take a claim on it (training/store/claim.ts), so that of several processes starting on a cold cache (sweep
 * workers) one builds and the others wait and then read, write it atomically, release the claim.
 * Synchronous on purpose: corpora are loaded once at start-up, and a sync API is simpler to use everywhere.
 */
import {existsSync, mkdirSync, readFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {claim} from "../store/claim.js";
import {writeFileAtomic} from "../io/atomic-write.js";

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleepCell, 0, 0, ms);

/** Bytes of `path`, building them with `build` (and writing them) when the file is absent. */
export function readOrBuild(path: string, build: () => Uint8Array, onWait?: () => void): {bytes: Uint8Array; built: boolean} {
  mkdirSync(dirname(path), {recursive: true});
  const lock = `${path}.lock`;
  let waited = false;
  for (;;) {
    if (existsSync(path)) return {bytes: readFileSync(path), built: false};
    const held = claim(lock);
    if (held) {
      try {
        // Someone may have finished between our look and the claim.
        if (existsSync(path)) return {bytes: readFileSync(path), built: false};
        const bytes = build();
        writeFileAtomic(path, bytes);
        return {bytes, built: true};
      } finally {
        held.release();
      }
    }
    if (!waited) onWait?.();
    waited = true;
    sleep(250);
  }
}

/** The repository root (this file is training/corpus/cache.ts). */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The cache root: `override`, else ECG_CACHE_DIR, else `<repo>/.cache`. */
export function cacheRoot(override?: string): string {
  if (override) return resolve(override);
  const fromEnv = process.env.ECG_CACHE_DIR;
  return fromEnv && fromEnv.trim() !== "" ? resolve(fromEnv) : resolve(REPO_ROOT, ".cache");
}
