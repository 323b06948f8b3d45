import type {StoredRun} from "../store/run-store.js";
import type {TrainConfig} from "../train/config.js";
import type {RunRecord} from "../train/run-record.js";
import type {PlannedRun} from "./types.js";
import {runRecords, runWork} from "./work.js";

/**
 * Seconds a run will take: per family, wall = perCost x work + perRecord x records, fitted (least squares through
 * the origin) on the stored runs. Work is the run's forward sample-MACs of training and evaluation, records the
 * records it loads and probes (work.ts): both depend on the study's splits, so a calibration on one study carries
 * over to a study with other splits (smoke's tiny ones). Without stored runs of a family, rough defaults measured on
 * this project's machines (native kernels, one thread).
 */
const DEFAULT_SECONDS_PER_WORK = 1.0e-10;
const DEFAULT_SECONDS_PER_RECORD = 2e-3;

export interface Rate {
  /** Seconds per forward sample-MAC. */
  perCost: number;
  /** Seconds per record loaded and probed. */
  perRecord: number;
}

export function secondsPerCost(stored: StoredRun<TrainConfig, RunRecord>[]): Map<string, Rate> {
  const byFamily = new Map<string, {work: number; records: number; wall: number}[]>();
  for (const run of stored) {
    const r = run.result;
    const work = runWork(run.config, r.stepsDone);
    if (work > 0 && r.wallSeconds > 0) byFamily.set(r.family, [...(byFamily.get(r.family) ?? []), {work, records: runRecords(run.config), wall: r.wallSeconds}]);
  }
  const rates = new Map<string, Rate>();
  for (const [family, points] of byFamily) rates.set(family, fitRate(points));
  return rates;
}

/** wall = a x work + b x records, least squares through the origin, both coefficients kept non-negative. */
function fitRate(points: {work: number; records: number; wall: number}[]): Rate {
  const sum = (f: (p: (typeof points)[number]) => number) => points.reduce((s, p) => s + f(p), 0);
  const ww = sum((p) => p.work * p.work), rr = sum((p) => p.records * p.records), wr = sum((p) => p.work * p.records);
  const wy = sum((p) => p.work * p.wall), ry = sum((p) => p.records * p.wall);
  const det = ww * rr - wr * wr;
  if (det > 1e-12 * ww * rr) {
    const a = (wy * rr - ry * wr) / det;
    const b = (ry * ww - wy * wr) / det;
    if (a >= 0 && b >= 0) return {perCost: a, perRecord: b};
  }
  // One regressor alone (records constant and work proportional, or a negative coefficient): the better of the two.
  const onlyWork = {perCost: wy / ww, perRecord: 0};
  const onlyRecords = {perCost: 0, perRecord: ry / rr};
  const sse = (r: Rate) => sum((p) => (p.wall - r.perCost * p.work - r.perRecord * p.records) ** 2);
  return sse(onlyWork) <= sse(onlyRecords) ? onlyWork : onlyRecords;
}

/** Estimated seconds of a planned run (from its config; `run.cost` is only the sweep's ordering key). */
export function estimateSeconds(run: PlannedRun, rates: Map<string, Rate>): number {
  const rate = rates.get(run.config.family) ?? {perCost: DEFAULT_SECONDS_PER_WORK, perRecord: DEFAULT_SECONDS_PER_RECORD};
  return runWork(run.config) * rate.perCost + runRecords(run.config) * rate.perRecord;
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
