// A fine-tuning's progress over its learning-rate grid, kept in the fine-tuning store's checkpoints/ folder after
// each rate's run: the runs done and the best weights so far. Each rate's run starts from the same weights, head,
// subset and data order, so a resumed fine-tuning skips the rates done and ends with the record it would have had.
import {existsSync, mkdirSync, readFileSync, rmSync} from "node:fs";
import {dirname} from "node:path";
import {writeFileAtomic} from "../io/atomic-write.js";

export interface FinetuneCheckpoint<Run> {
  key: string;
  /** The runs of the rates done, in grid order. */
  runs: Run[];
  /** The best so far: its rate's index, step and validation loss (weights in the companion file). */
  best?: {rate: number; step: number; valLoss: number};
  /** Float32 counts of the best weights, variable by variable. */
  lengths?: number[];
}

const weightsPath = (path: string) => `${path}.weights`;

/** Writes the weights first and the JSON last, each atomically: a JSON on disk always has its weights. */
export function saveFinetuneCheckpoint<Run>(path: string, checkpoint: FinetuneCheckpoint<Run>, weights?: Float32Array[]): void {
  mkdirSync(dirname(path), {recursive: true});
  const lengths = weights?.map((w) => w.length);
  if (weights) {
    const bytes = new Uint8Array(weights.reduce((n, w) => n + w.byteLength, 0));
    let at = 0;
    for (const w of weights) {
      bytes.set(new Uint8Array(w.buffer, w.byteOffset, w.byteLength), at);
      at += w.byteLength;
    }
    writeFileAtomic(weightsPath(path), bytes);
  }
  writeFileAtomic(path, JSON.stringify({...checkpoint, ...(lengths ? {lengths} : {})}));
}

/** The checkpoint of `key`, or undefined when there is none (or it belongs to another key, or its weights are cut). */
export function loadFinetuneCheckpoint<Run>(path: string, key: string): {checkpoint: FinetuneCheckpoint<Run>; weights?: Float32Array[]} | undefined {
  if (!existsSync(path)) return undefined;
  let checkpoint: FinetuneCheckpoint<Run>;
  try {
    checkpoint = JSON.parse(readFileSync(path, "utf8")) as FinetuneCheckpoint<Run>;
  } catch {
    return undefined; // unreadable: start over (the record, not the checkpoint, is the result)
  }
  if (checkpoint.key !== key || !Array.isArray(checkpoint.runs)) return undefined;
  if (!checkpoint.best || !checkpoint.lengths) return {checkpoint};
  if (!existsSync(weightsPath(path))) return undefined;
  const bytes = readFileSync(weightsPath(path));
  const total = checkpoint.lengths.reduce((a, b) => a + b, 0);
  if (bytes.byteLength !== 4 * total) return undefined;
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const weights: Float32Array[] = [];
  let at = 0;
  for (const n of checkpoint.lengths) {
    weights.push(all.slice(at, at + n));
    at += n;
  }
  return {checkpoint, weights};
}

export function removeFinetuneCheckpoint(path: string): void {
  rmSync(path, {force: true});
  rmSync(weightsPath(path), {force: true});
}
