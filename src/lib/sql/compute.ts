// SQL of the Compute page (paper Fig. 5, S.4, S.5): loss against training compute with each
// family's Pareto frontier and its fit L = E + A (C - C0)^-gamma, the iso-loss grid in the
// (N, C) plane with its compute-optimal line, and the compute-optimal allocation.
import {oodColumn} from "../study/run-row.js";
import {ident} from "../db/sql.js";
import {datasetOrder, literal, lossLongSql, logLerp, unitGridSql} from "./common.js";

/**
 * Every evaluation of every run as a (C, best loss so far) point per dataset, flagged when it is on
 * its family's Pareto frontier: the SQL twin of computePoints in src/lib/study/points.ts (C = the
 * run's FLOPs x step / steps done; a run without curve rows gives its final point).
 */
export function computePointsSql(datasets: readonly string[]): string {
  const evaluations = [["id", "id_loss"], ...datasets.map((d) => [d, oodColumn(d, "loss")])]
    .map(([dataset, column]) => `SELECT key, step, ${literal(dataset)} AS dataset, ${ident(column)} AS loss FROM curves WHERE isfinite(${ident(column)}) AND ${ident(column)} > 0`)
    .join("\nUNION ALL\n");
  return `WITH finals AS (${lossLongSql(datasets)}),
  runs_info AS (SELECT key, family, size, params AS N, records AS D, flops AS run_C, steps_done, stopped_early FROM runs),
  evals AS (${evaluations}),
  along AS (
    SELECT r.key, r.family, r.size, r.N, r.D, e.dataset, e.step, r.run_C * e.step / r.steps_done AS C,
      min(e.loss) OVER (PARTITION BY e.key, e.dataset ORDER BY e.step ROWS UNBOUNDED PRECEDING) AS L, r.steps_done, r.stopped_early
    FROM evals e JOIN runs_info r USING (key)),
  pts AS (
    SELECT * FROM along
    UNION ALL
    SELECT key, family, size, N, D, dataset, steps_done AS step, C, L, steps_done, stopped_early FROM finals
    WHERE key NOT IN (SELECT key FROM curves))
  SELECT p.*, p.key || '@' || p.step AS point, coalesce(list_contains(string_split(f.frontier_points, ','), p.key || '@' || p.step), false) AS on_frontier
  FROM pts p LEFT JOIN frontier f USING (family, dataset)
  ORDER BY p.family, ${datasetOrder("p.dataset", datasets)}, p.C, p.L`;
}

/** The fitted frontiers as curves over each family's compute range: family, dataset, C, L. */
export function frontierCurvesSql(datasets: readonly string[], steps = 40): string {
  // Over the compute range of the frontier's points (C_min, C_max in the frontier table).
  return `WITH f AS (SELECT family, dataset, E, A, C0, gamma, C_min, C_max FROM frontier WHERE ok AND isfinite(gamma) AND C_min > 0),
  g AS ${unitGridSql(steps)},
  c AS (SELECT f.*, ${logLerp("f.C_min", "f.C_max", "g.t")} AS C FROM f CROSS JOIN g)
  SELECT family, dataset, C, E + A * pow(C - C0, -gamma) AS L FROM c WHERE C > C0
  ORDER BY family, ${datasetOrder("dataset", datasets)}, C`;
}

/** Fig. S.4's fitted parameters: gamma with its interval, E, C0, R^2, or the reason. */
export function frontierTableSql(datasets: readonly string[]): string {
  return `SELECT family, dataset, coalesce(ok, false) AS ok, reason, n, gamma, gamma_lo, gamma_hi, E, A, C0, r2, r2_log,
    len(string_split(frontier_points, ',')) AS frontier_size, len(string_split(frontier_runs, ',')) AS frontier_run_count
  FROM frontier ORDER BY family, ${datasetOrder("dataset", datasets)}`;
}

/** The iso-loss grid of one dataset, in the order it was written (N fastest, then C): family, N, C, D, L. */
export function isoLossGridSql(dataset: string): string {
  return `SELECT family, N, C, D, L FROM iso_loss WHERE kind = 'grid' AND dataset = ${literal(dataset)}
  ORDER BY family, C, N`;
}

/** The compute-optimal model size per compute budget, one dataset: family, C, N, D, L. */
export function isoLossOptimalSql(dataset: string): string {
  return `SELECT family, C, N, D, L FROM iso_loss WHERE kind = 'optimal' AND dataset = ${literal(dataset)}
  ORDER BY family, C`;
}

/**
 * Share of extra compute that should go to model size (a) and to data (b) per family and
 * dataset: with MACs proportional to N (a = beta / (alpha + beta), the paper's form, with its
 * bootstrap interval; fits columns share_N, share_D, see study-tables.ts) and with the measured
 * MACs(N) exponent p (alloc_a, alloc_b).
 */
export function allocationSql(datasets: readonly string[]): string {
  return `SELECT family, dataset, share_N AS a, share_N_lo AS a_lo, share_N_hi AS a_hi, share_D AS b, share_D_lo AS b_lo, share_D_hi AS b_hi,
    alloc_a, alloc_b, macs_p, epochs, alpha, beta
  FROM fits WHERE ok AND isfinite(share_N) AND isfinite(share_D)
  ORDER BY family, ${datasetOrder("dataset", datasets)}`;
}
