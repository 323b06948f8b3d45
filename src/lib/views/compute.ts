// Twins of src/lib/sql/compute.ts (see common.ts): the Compute page's points along each run
// with their Pareto-frontier flags, the fitted frontiers, the iso-loss grid and the allocation.
import {oodColumn} from "../study/run-row.js";
import {cell, datasetRank, finite, groupBy, logGrid, lossLong, orderBy, sqlNum, type Row} from "./common.js";

/** computePointsSql: every evaluation of every run as (C, best loss so far) per dataset, with on_frontier. */
export function computePointsView(runs: readonly Row[], curves: readonly Row[], frontier: readonly Row[], datasets: readonly string[]): Row[] {
  const runByKey = new Map(runs.map((r) => [r.key as string, r]));
  const withCurves = new Set(curves.map((c) => c.key as string));
  const frontierPoints = new Map(frontier.map((f) => [`${f.family}\u0000${f.dataset}`, new Set(String(cell(f, "frontier_points") ?? "").split(","))]));
  const pts: Row[] = [];
  for (const [dataset, column] of [["id", "id_loss"], ...datasets.map((d) => [d, oodColumn(d, "loss")])] as [string, string][]) {
    const evals = curves.filter((c) => {
      const loss = finite(cell(c, column));
      return loss !== null && loss > 0 && runByKey.has(c.key as string);
    });
    for (const group of groupBy(evals, (c) => c.key as string).values()) {
      const r = runByKey.get(group[0]!.key as string)!;
      let best = Infinity;
      for (const e of orderBy(group, (c) => c.step as number)) {
        best = Math.min(best, e[column] as number);
        const C = ((r.flops as number) * (e.step as number)) / (r.steps_done as number);
        pts.push({key: r.key, family: r.family, size: r.size, N: r.params, D: r.records, dataset, step: e.step, C, L: best, steps_done: r.steps_done, stopped_early: r.stopped_early});
      }
    }
  }
  for (const p of lossLong(runs, datasets)) {
    if (withCurves.has(p.key as string)) continue;
    pts.push({key: p.key, family: p.family, size: p.size, N: p.N, D: p.D, dataset: p.dataset, step: p.steps_done, C: p.C, L: p.L, steps_done: p.steps_done, stopped_early: p.stopped_early});
  }
  const rank = datasetRank(datasets);
  const rows: Row[] = pts.map((p) => {
    const point = `${p.key}@${p.step}`;
    return {...p, point, on_frontier: frontierPoints.get(`${p.family}\u0000${p.dataset}`)?.has(point) ?? false};
  });
  return orderBy(rows, (r) => r.family as string, (r) => rank(r.dataset), (r) => r.C as number, (r) => r.L as number);
}

/** frontierCurvesSql: each fitted frontier over its points' compute range. */
export function frontierCurves(frontier: readonly Row[], datasets: readonly string[], steps = 40): Row[] {
  const rows = frontier
    .filter((f) => f.ok === true && finite(f.gamma) !== null && (finite(f.C_min) ?? 0) > 0)
    .flatMap((f) =>
      logGrid(f.C_min as number, f.C_max as number, steps)
        .filter((C) => C > (f.C0 as number))
        .map((C) => ({family: f.family, dataset: f.dataset, C, L: sqlNum((E, A, C0, gamma) => E + A * (C - C0) ** -gamma, f.E, f.A, f.C0, f.gamma)}))
    );
  const rank = datasetRank(datasets);
  return orderBy(rows, (r) => r.family as string, (r) => rank(r.dataset), (r) => r.C as number);
}

const listLength = (value: unknown) => (value === null || value === undefined ? null : String(value).split(",").length);

/** frontierTableSql: each frontier's fit or the reason, with its point and run counts. */
export function frontierTable(frontier: readonly Row[], datasets: readonly string[]): Row[] {
  const rows = frontier.map((f) => ({
    family: f.family, dataset: f.dataset, ok: cell(f, "ok") ?? false, reason: cell(f, "reason"), n: cell(f, "n"),
    gamma: cell(f, "gamma"), gamma_lo: cell(f, "gamma_lo"), gamma_hi: cell(f, "gamma_hi"), E: cell(f, "E"), A: cell(f, "A"), C0: cell(f, "C0"),
    r2: cell(f, "r2"), r2_log: cell(f, "r2_log"), frontier_size: listLength(cell(f, "frontier_points")), frontier_run_count: listLength(cell(f, "frontier_runs"))
  }));
  const rank = datasetRank(datasets);
  return orderBy(rows, (r) => r.family as string, (r) => rank(r.dataset));
}

/** isoLossGridSql: the iso-loss grid of one dataset. */
export function isoLossGrid(isoLoss: readonly Row[], dataset: string): Row[] {
  const rows = isoLoss.filter((r) => r.kind === "grid" && r.dataset === dataset).map(({family, N, C, D, L}) => ({family, N, C, D, L}));
  return orderBy(rows, (r) => r.family as string, (r) => r.C as number, (r) => r.N as number);
}

/** isoLossOptimalSql: the compute-optimal model size per budget, one dataset. */
export function isoLossOptimal(isoLoss: readonly Row[], dataset: string): Row[] {
  const rows = isoLoss.filter((r) => r.kind === "optimal" && r.dataset === dataset).map(({family, C, N, D, L}) => ({family, C, N, D, L}));
  return orderBy(rows, (r) => r.family as string, (r) => r.C as number);
}

/** allocationSql: the share of extra compute for model size (a) and data (b). The fits table's a, b are share_N, share_D. */
export function allocation(fits: readonly Row[], datasets: readonly string[]): Row[] {
  const rows = fits
    .filter((f) => f.ok === true && finite(cell(f, "a")) !== null && finite(cell(f, "b")) !== null)
    .map((f) => ({
      family: f.family, dataset: f.dataset, a: f.a, a_lo: cell(f, "a_lo"), a_hi: cell(f, "a_hi"), b: f.b, b_lo: cell(f, "b_lo"), b_hi: cell(f, "b_hi"),
      alloc_a: cell(f, "alloc_a"), alloc_b: cell(f, "alloc_b"), macs_p: cell(f, "macs_p"), epochs: cell(f, "epochs"), alpha: cell(f, "alpha"), beta: cell(f, "beta")
    }));
  const rank = datasetRank(datasets);
  return orderBy(rows, (r) => r.family as string, (r) => rank(r.dataset));
}
