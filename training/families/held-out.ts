/**
 * How a family's objective is measured on a held-out split, with its standard error, so
 * that a run record says how much of a loss difference is evaluation noise.
 *  - SL: the mean over records of each record's BCE (mean over labels); SE from the
 *    spread of per-record losses.
 *  - Objectives defined on batches (CMSC) or on random masks (masked tokens): the batches
 *    and masks are drawn as training draws them, from a fixed seed shared by every run
 *    (so two runs are compared on the same draws), over several passes of the split.
 */
import {deriveSeed, Rng} from "../util/prng.js";

/** Seed of every held-out draw (batches, masks): the same for every run, family and size. */
export const HELD_OUT_SEED = 20261205;
/** Passes over a split for batch-defined objectives: every record is in this many evaluation batches. */
export const HELD_OUT_PASSES = 1;
/** Independent masks per record for the masked-token loss. */
export const HELD_OUT_MASKS = 1;

export interface HeldOutLoss {
  loss: number;
  /** Standard error of `loss` over the evaluation draws (records or batches). */
  lossSe: number;
  auroc?: number;
}

/** Mean and standard error of the mean of equally weighted values. */
export function meanAndSe(values: ArrayLike<number>): {mean: number; se: number} {
  const n = values.length;
  if (n === 0) return {mean: NaN, se: NaN};
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n < 2) return {mean, se: NaN};
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return {mean, se: Math.sqrt(ss / (n - 1) / n)};
}

/**
 * Ratio estimate sum(s) / sum(c) and its standard error (delta method), for losses that
 * are averaged over a varying count per record (masked tokens): s_i the record's summed
 * loss, c_i its count.
 */
export function ratioAndSe(sums: ArrayLike<number>, counts: ArrayLike<number>): {mean: number; se: number} {
  const n = sums.length;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    s += sums[i];
    c += counts[i];
  }
  const mean = s / Math.max(c, 1e-300);
  if (n < 2) return {mean, se: NaN};
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sums[i] - mean * counts[i]) ** 2;
  const cBar = c / n;
  return {mean, se: Math.sqrt(ss / (n - 1) / n) / cBar};
}

/** Per-record BCE on logits (mean over the k labels), stable form, in float64. */
export function perRecordBce(logits: ArrayLike<number>, labels: ArrayLike<number>, k: number): Float64Array {
  const n = logits.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const x = logits[i * k + c];
      const z = labels[i * k + c];
      sum += Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x)));
    }
    out[i] = sum / k;
  }
  return out;
}

/**
 * Evaluation batches of a split as training draws them: for each pass a seeded
 * permutation of the records, cut into batches of `batch` (a last, shorter batch is left
 * out: every batch has the training batch size). A split smaller than one batch gives
 * one batch of the whole split per pass.
 */
export function heldOutBatches(count: number, batch: number, passes = HELD_OUT_PASSES, seed = HELD_OUT_SEED): number[][] {
  const batches: number[][] = [];
  for (let p = 0; p < passes; p++) {
    const rng = new Rng(deriveSeed(seed, "held-out-batches", count, p));
    const order = Array.from({length: count}, (_, i) => i);
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (count <= batch) batches.push(order);
    else for (let start = 0; start + batch <= count; start += batch) batches.push(order.slice(start, start + batch));
  }
  return batches;
}
