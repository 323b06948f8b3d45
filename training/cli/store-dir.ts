import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where run records live: RUN_STORE, else results/runs in the repository (committed for the published study). */
export function defaultStoreDir(): string {
  return process.env.RUN_STORE ? resolve(process.env.RUN_STORE) : join(REPO_ROOT, "results", "runs");
}

/** Where fine-tuning records live: FINETUNE_STORE, else results/finetune in the repository. */
export function defaultFinetuneStoreDir(): string {
  return process.env.FINETUNE_STORE ? resolve(process.env.FINETUNE_STORE) : join(REPO_ROOT, "results", "finetune");
}
