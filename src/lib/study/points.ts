// From runs-table rows to the points the laws are fitted on. Shared by the loaders and
// the pages (which refit live when a reader excludes runs).
import {lossOf, oodColumn, type CurveRow, type RunRow} from "./run-row.js";
import type {ComputePoint, LossPoint, MacsPoint} from "../scaling/index.js";

export interface KeyedLossPoint extends LossPoint {
  key: string;
  /** Standard error of L from the evaluation set, when the runs table has it (id_loss_se, ood_<ds>_loss_se). */
  se?: number | null;
  seed?: number;
}

/**
 * The standard error of a run's loss on a dataset ("id" or an OOD dataset), from the columns
 * id_loss_se / ood_<ds>_loss_se; null when the runs table (older runs) does not have it.
 */
export function lossSeOf(row: RunRow, dataset: string): number | null {
  const value = (row as Record<string, unknown>)[dataset === "id" ? "id_loss_se" : `${oodColumn(dataset, "loss")}_se`];
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * (N, D, best loss) of a family's runs on a dataset ("id" or an OOD dataset), skipping runs
 * without that loss. Every run is a point: runs of one cell that differ in their seed are
 * replicates, fitted as separate points.
 */
export function lossPoints(rows: readonly RunRow[], family: string, dataset: string): KeyedLossPoint[] {
  return rows
    .filter((r) => r.family === family)
    .flatMap((r) => {
      const L = lossOf(r, dataset);
      return L === null ? [] : [{key: r.key, N: r.params, D: r.records, L, se: lossSeOf(r, dataset), seed: r.seed}];
    });
}

/** A point of the compute frontier: one evaluation of one run. */
export interface KeyedComputePoint extends ComputePoint {
  /** The run. */
  key: string;
  /** The evaluation's step (the run's last step when the run has no curve). */
  step: number;
  /** Names the point: "key@step" (the frontier table lists these). */
  point: string;
}

/**
 * (C, best loss so far) at every evaluation of a family's runs on a dataset: C = the run's FLOPs
 * x step / steps done, L = the lowest loss of any evaluation up to that step (the paper reports
 * the best across steps). Every run of a study has the same step budget, so final runs alone
 * give one compute value per model size; the evaluations along each run fill in the frontier.
 * A run without curve rows contributes its final (C, best loss).
 */
export function computePoints(rows: readonly RunRow[], curves: readonly CurveRow[], family: string, dataset: string): KeyedComputePoint[] {
  const byRun = new Map<string, CurveRow[]>();
  for (const c of curves) if (c.family === family) byRun.set(c.key, [...(byRun.get(c.key) ?? []), c]);
  const column = dataset === "id" ? "id_loss" : oodColumn(dataset, "loss");
  return rows
    .filter((r) => r.family === family)
    .flatMap((r) => {
      const evaluations = (byRun.get(r.key) ?? []).slice().sort((a, b) => a.step - b.step);
      if (evaluations.length === 0) {
        const L = lossOf(r, dataset);
        return L === null || !(L > 0) ? [] : [{key: r.key, step: r.steps_done, point: `${r.key}@${r.steps_done}`, C: r.flops, L}];
      }
      let best = Infinity;
      const points: KeyedComputePoint[] = [];
      for (const e of evaluations) {
        const loss = e[column];
        if (typeof loss === "number" && Number.isFinite(loss) && loss > 0) best = Math.min(best, loss);
        if (best < Infinity) points.push({key: r.key, step: e.step, point: `${r.key}@${e.step}`, C: (r.flops * e.step) / r.steps_done, L: best});
      }
      return points;
    });
}

/** (N, MACs per sample), one per distinct size, for the MACs(N) fit. */
export function macsPoints(rows: readonly RunRow[], family: string): MacsPoint[] {
  const seen = new Map<number, number>();
  for (const r of rows) if (r.family === family) seen.set(r.params, r.macs);
  return [...seen].map(([N, macs]) => ({N, macs}));
}

/** (L_id, L_ood) of each run of a family that has both. */
export function lossPairs(rows: readonly RunRow[], family: string, dataset: string): {key: string; id: number; ood: number}[] {
  return rows
    .filter((r) => r.family === family)
    .flatMap((r) => {
      const id = lossOf(r, "id");
      const ood = lossOf(r, dataset);
      return id === null || ood === null ? [] : [{key: r.key, id, ood}];
    });
}
