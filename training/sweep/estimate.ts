import type {StoredRun} from "../store/run-store.js";
import type {TrainConfig} from "../train/config.js";
import type {RunRecord} from "../train/run-record.js";
import type {PlannedRun} from "./types.js";

/**
 * Seconds a run will take: per family, a line wall = overhead + rate x cost fitted (least
 * squares) on the stored runs, where cost = MACs x batch x steps; the overhead absorbs
 * corpus loading and evaluations, which do not grow with the step budget. Without stored
 * runs of a family, a rough default measured on this project's machines (native kernels,
 * one thread). Evaluation cost grows with the OOD datasets' size, so a calibration from
 * another study is indicative only.
 */
const DEFAULT_SECONDS_PER_COST = 2.5e-10;
const DEFAULT_OVERHEAD_SECONDS = 10;

export interface Rate {
  overhead: number;
  perCost: number;
}

export function secondsPerCost(stored: StoredRun<TrainConfig, RunRecord>[]): Map<string, Rate> {
  const byFamily = new Map<string, {cost: number; wall: number}[]>();
  for (const run of stored) {
    const r = run.result;
    const cost = r.macsPerSample * run.config.batch * r.stepsDone;
    if (cost > 0 && r.wallSeconds > 0) byFamily.set(r.family, [...(byFamily.get(r.family) ?? []), {cost, wall: r.wallSeconds}]);
  }
  const rates = new Map<string, Rate>();
  for (const [family, points] of byFamily) {
    const n = points.length;
    const mc = points.reduce((s, p) => s + p.cost, 0) / n;
    const mw = points.reduce((s, p) => s + p.wall, 0) / n;
    const sxx = points.reduce((s, p) => s + (p.cost - mc) ** 2, 0);
    const slope = sxx > 0 ? points.reduce((s, p) => s + (p.cost - mc) * (p.wall - mw), 0) / sxx : 0;
    // A negative or missing slope (one cost level, noise) falls back to the mean ratio.
    rates.set(family, slope > 0 ? {overhead: Math.max(0, mw - slope * mc), perCost: slope} : {overhead: 0, perCost: mw / mc});
  }
  return rates;
}

export function estimateSeconds(run: PlannedRun, rates: Map<string, Rate>): number {
  const rate = rates.get(run.config.family) ?? {overhead: DEFAULT_OVERHEAD_SECONDS, perCost: DEFAULT_SECONDS_PER_COST};
  return rate.overhead + run.cost * rate.perCost;
}

/** Where a sweep stands, for its ETA: estimated seconds of each run, and what is known so far. */
export interface SweepProgress {
  /** Planned runs' estimated seconds, by key. */
  estimates: Map<string, number>;
  /** Finished runs (trained or failed): measured seconds, by key. */
  finished: Map<string, number>;
  /** Runs in progress: fraction of their steps done, by key. */
  running: Map<string, number>;
  workers: number;
}

/**
 * Seconds left in a sweep. Runs differ in cost by orders of magnitude and the sweep trains the
 * largest first, so "elapsed / runs done" overstates the rest many times over; instead the
 * remaining estimated work is scaled by how the finished runs measured against their estimates,
 * and spread over the workers (never over more workers than runs left).
 */
export function sweepEtaSeconds({estimates, finished, running, workers}: SweepProgress): number {
  let estimatedDone = 0;
  let measuredDone = 0;
  for (const [key, seconds] of finished) {
    estimatedDone += estimates.get(key) ?? 0;
    measuredDone += seconds;
  }
  const correction = estimatedDone > 0 && measuredDone > 0 ? measuredDone / estimatedDone : 1;
  let left = 0;
  let runsLeft = 0;
  for (const [key, seconds] of estimates) {
    if (finished.has(key)) continue;
    runsLeft++;
    left += seconds * (1 - Math.min(1, Math.max(0, running.get(key) ?? 0)));
  }
  if (runsLeft === 0) return 0;
  return (left * correction) / Math.max(1, Math.min(workers, runsLeft));
}
