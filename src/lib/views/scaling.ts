// Twins of src/lib/sql/scaling.ts (see common.ts): the Scaling page's points, fits table,
// law curves and scale-up reductions, from the runs and fits tables.
import {cell, datasetRank, finite, groupBy, logGrid, lossLong, orderBy, sqlNum, type Row} from "./common.js";

const FIT_COLUMNS = ["family", "dataset", "n", "ok", "reason", "E", "E_lo", "E_hi", "A", "alpha", "alpha_lo", "alpha_hi", "B", "beta", "beta_lo", "beta_hi", "r2", "r2_log", "reduction_N", "reduction_D", "converged", "warnings", "resamples_used"];

/** scalingPointsSql: every run's best loss on ID and each OOD dataset. */
export function scalingPoints(runs: readonly Row[], datasets: readonly string[]): Row[] {
  const rank = datasetRank(datasets);
  return orderBy(lossLong(runs, datasets), (r) => r.family as string, (r) => rank(r.dataset), (r) => r.N as number, (r) => r.D as number);
}

/** fitsTableSql: one row per family and dataset, parameters with intervals, or the reason. */
export function fitsTable(fits: readonly Row[], datasets: readonly string[]): Row[] {
  const rank = datasetRank(datasets);
  const rows = fits.map((f) => Object.fromEntries(FIT_COLUMNS.map((c) => [c, c === "ok" ? cell(f, c) ?? false : cell(f, c)])));
  return orderBy(rows, (r) => r.family as string, (r) => rank(r.dataset));
}

/** The fits whose joint law can be evaluated (ok, finite exponents). */
function usableFits(fits: readonly Row[]): Row[] {
  return fits.filter((f) => f.ok === true && finite(f.alpha) !== null && finite(f.beta) !== null);
}

/** lawCurvesSql: the published joint law along N (one curve per D) or along D (one curve per N). */
export function lawCurves(runs: readonly Row[], fits: readonly Row[], datasets: readonly string[], along: "N" | "D", steps = 30): Row[] {
  const fixedOf = along === "N" ? "D" : "N";
  const pts = groupBy(lossLong(runs, datasets), (p) => `${p.family}\u0000${p.dataset}`);
  const rows: Row[] = [];
  for (const f of usableFits(fits)) {
    const mine = pts.get(`${f.family}\u0000${f.dataset}`) ?? [];
    if (mine.length === 0) continue;
    const xs = mine.map((p) => p[along] as number);
    const grid = logGrid(Math.min(...xs), Math.max(...xs), steps);
    for (const fixed of new Set(mine.map((p) => p[fixedOf] as number))) {
      for (const x of grid) {
        const [N, D] = along === "N" ? [x, fixed] : [fixed, x];
        const L = sqlNum((E, A, alpha, B, beta) => E + A * N ** -alpha + B * D ** -beta, f.E, f.A, f.alpha, f.B, f.beta);
        rows.push({family: f.family, dataset: f.dataset, N, D, x, fixed, L});
      }
    }
  }
  const rank = datasetRank(datasets);
  return orderBy(rows, (r) => r.family as string, (r) => rank(r.dataset), (r) => r.fixed as number, (r) => r.x as number);
}

/** reductionSql: k^-alpha and k^-beta with the interval from the exponents' intervals. */
export function reduction(fits: readonly Row[], datasets: readonly string[], k: number): Row[] {
  const pow = (e: unknown) => sqlNum((x) => k ** -x, e);
  const rows = fits
    .filter((f) => f.ok === true)
    .flatMap((f) => [
      ...(finite(f.alpha) !== null ? [{family: f.family, dataset: f.dataset, scaled: "N", r: pow(f.alpha), lo: pow(cell(f, "alpha_hi")), hi: pow(cell(f, "alpha_lo"))}] : []),
      ...(finite(f.beta) !== null ? [{family: f.family, dataset: f.dataset, scaled: "D", r: pow(f.beta), lo: pow(cell(f, "beta_hi")), hi: pow(cell(f, "beta_lo"))}] : [])
    ]);
  const rank = datasetRank(datasets);
  return orderBy(rows, (r) => r.family as string, (r) => rank(r.dataset), (r) => ({desc: r.scaled as string}));
}
