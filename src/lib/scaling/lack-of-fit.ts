// Seed-to-seed spread and a lack-of-fit check for a fitted law, on the log scale where the laws
// are fitted (a log residual is a relative error). Runs of the same cell (N, D) that differ only
// in their seed are replicates:
//  - with replicated cells, the classical lack-of-fit F test (e.g. Draper & Smith 1998, 2.1):
//    the residual sum of squares splits into pure error (within cells, n - c degrees of freedom)
//    and lack of fit (cell means against the law, c - p degrees of freedom); F = MS_lof / MS_pe;
//  - with no replicate but a standard error of each evaluation, a chi-square test of the
//    residuals against the evaluation noise alone: X^2 = sum (r_i / s_i)^2 on n - p degrees of
//    freedom, s_i = se_i / L_i (delta method). Evaluation noise is only part of the run-to-run
//    noise (seeds add to it), so a small p says "the law plus evaluation noise does not explain
//    these runs", which seed noise may;
//  - with neither, no test (method "none").

import {chiSquareUpper, fUpper} from "./distributions.js";

export interface LackOfFitPoint {
  N: number;
  D: number;
  L: number;
  /** Standard error of L from the evaluation set (absent or null when unknown). */
  se?: number | null;
}

export type LackOfFitMethod = "replicates-F" | "evaluation-se-chi2" | "none";

export interface LackOfFit {
  method: LackOfFitMethod;
  /** p-value of the test (null without one). */
  p: number | null;
  statistic: number | null;
  df1: number | null;
  df2: number | null;
  /** Distinct (N, D) cells, and cells with at least two runs. */
  cells: number;
  replicatedCells: number;
  /** Pooled within-cell SD of log L (the seed-to-seed spread, relative); null without replicates. */
  replicateSd: number | null;
  /** RMS log residual of the law, on n - p degrees of freedom. */
  residualSd: number | null;
  /** RMS relative evaluation standard error (se / L) over the points that have one; null if none. */
  evaluationSd: number | null;
}

/** Lack of fit of `predicted` (the law at each point) with `parameters` fitted parameters. */
export function lackOfFit(points: readonly LackOfFitPoint[], predicted: ArrayLike<number>, parameters: number): LackOfFit {
  const n = points.length;
  const r = points.map((p, i) => Math.log(p.L) - Math.log(predicted[i]!));
  const cellsMap = new Map<string, number[]>();
  points.forEach((p, i) => {
    const key = `${p.N}|${p.D}`;
    cellsMap.set(key, [...(cellsMap.get(key) ?? []), i]);
  });
  const cells = cellsMap.size;
  let ssPe = 0;
  let replicatedCells = 0;
  for (const members of cellsMap.values()) {
    if (members.length < 2) continue;
    replicatedCells++;
    const logs = members.map((i) => Math.log(points[i]!.L));
    const m = logs.reduce((s, x) => s + x, 0) / logs.length;
    for (const x of logs) ssPe += (x - m) ** 2;
  }
  const sse = r.reduce((s, x) => s + x * x, 0);
  const dfRes = n - parameters;
  const dfPe = n - cells;
  const replicateSd = dfPe > 0 ? Math.sqrt(ssPe / dfPe) : null;
  const residualSd = dfRes > 0 ? Math.sqrt(sse / dfRes) : null;
  const rel = points.map((p) => (typeof p.se === "number" && Number.isFinite(p.se) && p.se > 0 ? p.se / p.L : null));
  const withSe = rel.filter((x): x is number => x !== null);
  const evaluationSd = withSe.length ? Math.sqrt(withSe.reduce((s, x) => s + x * x, 0) / withSe.length) : null;
  const base = {cells, replicatedCells, replicateSd, residualSd, evaluationSd};
  const dfLof = cells - parameters;
  if (dfPe > 0 && dfLof > 0 && ssPe > 0) {
    const ssLof = Math.max(0, sse - ssPe);
    const F = ssLof / dfLof / (ssPe / dfPe);
    return {method: "replicates-F", p: fUpper(F, dfLof, dfPe), statistic: F, df1: dfLof, df2: dfPe, ...base};
  }
  if (withSe.length === n && dfRes > 0) {
    const x2 = r.reduce((s, x, i) => s + (x / rel[i]!) ** 2, 0);
    return {method: "evaluation-se-chi2", p: chiSquareUpper(x2, dfRes), statistic: x2, df1: dfRes, df2: null, ...base};
  }
  return {method: "none", p: null, statistic: null, df1: null, df2: null, ...base};
}
