// Nonparametric bootstrap over points (Efron & Tibshirani 1993): resample the n points with
// replacement (as multiplicity weights, so refits reuse the model's arrays), refit, and take
// percentile intervals. Seeded, so a page and a test see the same intervals.

import {quantileSorted} from "./quantile.js";
import {createRng, type Rng} from "./rng.js";
import type {Interval} from "./types.js";

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Central coverage of the intervals (default 0.95: the 2.5 and 97.5 percentiles). */
  level?: number;
  /**
   * The multiplicity weights of resample r (default: multinomial counts drawn from the seed).
   * Lets several fits on the same runs share their resamples (e.g. the joint-law floors of the
   * ID and an OOD loss, then the transfer law, all refitted on resample r).
   */
  counts?: (resample: number, out: Float64Array) => Float64Array;
}

/** Monte-Carlo error of an interval's ends: the bootstrap's own sampling error with this many resamples. */
export interface IntervalMcError {
  lo: number;
  hi: number;
}

export interface BootstrapSummary<K extends string> {
  intervals: Record<K, Interval>;
  /** Resamples drawn. */
  resamples: number;
  /** Resamples whose refit succeeded and converged (the intervals use only these). */
  used: number;
  /** Resamples that were degenerate (e.g. fewer than 3 distinct N) or did not converge (degenerate + not converged). */
  failed: number;
  /** Of the failed: resamples that could not identify the law at all (refit not attempted). */
  degenerate: number;
  /** Monte-Carlo error (standard error) of each interval end, by the order-statistic method. */
  mc: Record<K, IntervalMcError>;
  level: number;
  seed: number;
  /** The bootstrap replicates of each parameter (converged resamples only), for histograms. */
  samples: Record<K, Float64Array>;
  /** The replicates by resample index (NaN where the refit failed), so fits that share resamples can be paired. */
  draws: Record<K, Float64Array>;
}

/**
 * Monte-Carlo standard error of the q-quantile of B replicates by the order-statistic method: the
 * number of replicates below the true quantile is Binomial(B, q), so the order statistics at
 * B q -/+ 1.96 sqrt(B q (1 - q)) bracket it with about 95% probability; their distance / (2 x 1.96)
 * is the standard error. NaN with fewer than 2 replicates.
 */
export function quantileMcError(sorted: ArrayLike<number>, q: number): number {
  const B = sorted.length;
  if (B < 2) return NaN;
  const half = 1.96 * Math.sqrt(B * q * (1 - q));
  const lo = Math.max(0, Math.floor(B * q - half) - 1);
  const hi = Math.min(B - 1, Math.ceil(B * q + half) - 1);
  return (sorted[hi]! - sorted[lo]!) / (2 * 1.96);
}

/** Draw multinomial counts: n draws with replacement from n points. */
export function resampleCounts(rng: Rng, out: Float64Array): Float64Array {
  out.fill(0);
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const j = rng.int(n);
    out[j] = out[j]! + 1;
  }
  return out;
}

/** Percentile interval of replicates around a point estimate. */
export function percentileInterval(replicates: ArrayLike<number>, estimate: number, level = 0.95): Interval {
  const sorted = Float64Array.from(replicates).sort();
  const tail = (1 - level) / 2;
  return {estimate, lo: quantileSorted(sorted, tail), hi: quantileSorted(sorted, 1 - tail)};
}

/**
 * Run a bootstrap. `refit(weights)` returns the parameter values for one resample, or null if
 * the resample cannot be fitted or its fit did not converge (counted in `failed`).
 */
export function runBootstrap<K extends string>(
  n: number,
  estimates: Record<K, number>,
  refit: (weights: Float64Array, resample: number) => Record<K, number> | null | "degenerate",
  options: BootstrapOptions = {}
): BootstrapSummary<K> {
  const resamples = options.resamples ?? 1000;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  const names = Object.keys(estimates) as K[];
  const rng = createRng(seed);
  const weights = new Float64Array(n);
  const columns = names.map(() => new Float64Array(resamples));
  const byResample = names.map(() => new Float64Array(resamples).fill(NaN));
  let used = 0;
  let degenerate = 0;
  for (let r = 0; r < resamples; r++) {
    const values = refit(options.counts ? options.counts(r, weights) : resampleCounts(rng, weights), r);
    if (values === "degenerate") degenerate++;
    if (!values || values === "degenerate" || names.some((k) => !Number.isFinite(values[k]))) continue;
    names.forEach((k, q) => {
      columns[q]![used] = values[k];
      byResample[q]![r] = values[k];
    });
    used++;
  }
  const intervals = {} as Record<K, Interval>;
  const samples = {} as Record<K, Float64Array>;
  const draws = {} as Record<K, Float64Array>;
  const mc = {} as Record<K, IntervalMcError>;
  const tail = (1 - level) / 2;
  names.forEach((k, q) => {
    samples[k] = columns[q]!.slice(0, used);
    draws[k] = byResample[q]!;
    intervals[k] = used > 0 ? percentileInterval(samples[k], estimates[k], level) : {estimate: estimates[k], lo: NaN, hi: NaN};
    const sorted = Float64Array.from(samples[k]).sort();
    mc[k] = {lo: quantileMcError(sorted, tail), hi: quantileMcError(sorted, 1 - tail)};
  });
  return {intervals, resamples, used, failed: resamples - used, degenerate, mc, level, seed, samples, draws};
}
