// The study's fitted laws as table rows: one per family x dataset. Pure functions over
// runs-table rows, so the loaders (with many bootstrap resamples) and the pages (live
// refits with few) compute them the same way. Cannot-fit cases become rows with ok =
// false and the reason, which pages show as a message rather than drawing NaN.
import {
  bootstrapFrontier,
  bootstrapJointLaw,
  bootstrapLossToLoss,
  computeOptimalExponents,
  epochsToConvergence,
  excessLossReductionRatio,
  fitFrontier,
  fitJointLaw,
  fitLossToLoss,
  fitMacs,
  fitMarginalInD,
  fitMarginalInN,
  isoLossGrid,
  paretoFrontier,
  type JointFitOptions,
  type JointLawParams
} from "../scaling/index.js";
import type {CurveRow, RunRow} from "./run-row.js";
import {computePoints, lossPairs, lossPoints, macsPoints} from "./points.js";

export interface FitOptions extends JointFitOptions {
  /** Bootstrap resamples for intervals (0 = no intervals). */
  resamples?: number;
  seed?: number;
}

type Cell = string | number | boolean | null;
export type TableRow = Record<string, Cell>;

/** The k of the excess-loss reduction ratio k^-alpha reported in the fits table. */
export const SCALE_UP = 10;

/** Joint law, intervals, marginal laws and the 10x excess-loss reduction for one family and dataset. */
export function fitRow(rows: readonly RunRow[], family: string, dataset: string, options: FitOptions = {}): TableRow {
  const points = lossPoints(rows, family, dataset);
  const base: TableRow = {family, dataset, n: points.length};
  const fit = fitJointLaw(points, options);
  if (!fit.ok) return {...base, ok: false, reason: fit.message};
  const p = fit.params;
  const row: TableRow = {
    ...base,
    ok: true,
    reason: null,
    E: p.E, A: p.A, alpha: p.alpha, B: p.B, beta: p.beta,
    a: p.beta / (p.alpha + p.beta), b: p.alpha / (p.alpha + p.beta),
    r2: fit.r2, r2_log: fit.r2Log, converged: fit.convergence.converged,
    warnings: fit.warnings.join("; ") || null,
    reduction_N: excessLossReductionRatio(p.alpha, SCALE_UP), reduction_D: excessLossReductionRatio(p.beta, SCALE_UP)
  };
  if ((options.resamples ?? 0) > 0) {
    const boot = bootstrapJointLaw(points, fit, {resamples: options.resamples, seed: options.seed ?? 1, delta: options.delta});
    if (boot.ok) {
      for (const [name, interval] of Object.entries(boot.intervals)) {
        row[`${name}_lo`] = interval.lo;
        row[`${name}_hi`] = interval.hi;
      }
      row.resamples_used = boot.used;
    }
  }
  const inN = fitMarginalInN(points, {delta: options.delta});
  const inD = fitMarginalInD(points, {delta: options.delta});
  Object.assign(row, inN.ok ? {marginal_N_E: inN.params.E, marginal_N_exponent: inN.params.exponent, marginal_N_r2: inN.r2} : {marginal_N_reason: inN.message});
  Object.assign(row, inD.ok ? {marginal_D_E: inD.params.E, marginal_D_exponent: inD.params.exponent, marginal_D_r2: inD.r2} : {marginal_D_reason: inD.message});
  return row;
}

/** Loss-to-loss transfer L_ood - E_ood = K (L_id - E_id)^kappa with the floors of the joint fits. */
export function transferRow(rows: readonly RunRow[], family: string, dataset: string, floors: {id?: number; ood?: number}, options: FitOptions = {}): TableRow {
  const base: TableRow = {family, dataset};
  if (floors.id === undefined || floors.ood === undefined) return {...base, ok: false, reason: "no joint-law floor for the ID loss or for this dataset"};
  const pairs = lossPairs(rows, family, dataset);
  const fit = fitLossToLoss(pairs, {id: floors.id, ood: floors.ood});
  if (!fit.ok) return {...base, ok: false, reason: fit.message};
  const row: TableRow = {...base, ok: true, reason: null, K: fit.K, kappa: fit.kappa, r2_log: fit.r2Log, n: fit.n, dropped: fit.dropped, E_id: floors.id, E_ood: floors.ood};
  if ((options.resamples ?? 0) > 0) {
    const boot = bootstrapLossToLoss(pairs, fit, {resamples: options.resamples, seed: options.seed ?? 1});
    if (boot.ok) Object.assign(row, {kappa_lo: boot.intervals.kappa.lo, kappa_hi: boot.intervals.kappa.hi, K_lo: boot.intervals.K.lo, K_hi: boot.intervals.K.hi});
  }
  return row;
}

/**
 * The compute frontier's fit L = E + A (C - C0)^-gamma on the Pareto-optimal points: every
 * evaluation of every run (computePoints), so the frontier is the loss envelope along training.
 */
export function frontierRow(rows: readonly RunRow[], curves: readonly CurveRow[], family: string, dataset: string, options: FitOptions = {}): TableRow {
  const points = computePoints(rows, curves, family, dataset);
  const frontier = paretoFrontier(points).map((i) => points[i]);
  const base: TableRow = {
    family,
    dataset,
    frontier_points: frontier.map((p) => p.point).join(","),
    frontier_runs: [...new Set(frontier.map((p) => p.key))].join(","),
    // The compute range the frontier spans (where the page draws its fitted law).
    C_min: frontier.length ? frontier[0].C : null,
    C_max: frontier.length ? frontier[frontier.length - 1].C : null
  };
  const fit = fitFrontier(frontier, {delta: options.delta});
  if (!fit.ok) return {...base, ok: false, reason: fit.message, n: frontier.length};
  const row: TableRow = {...base, ok: true, reason: null, n: fit.n, E: fit.params.E, A: fit.params.A, C0: fit.params.C0, gamma: fit.params.gamma, r2: fit.r2, r2_log: fit.r2Log};
  if ((options.resamples ?? 0) > 0) {
    const boot = bootstrapFrontier(frontier, fit, {resamples: options.resamples, seed: options.seed ?? 1});
    if (boot.ok) Object.assign(row, {gamma_lo: boot.intervals.gamma.lo, gamma_hi: boot.intervals.gamma.hi});
  }
  return row;
}

/**
 * Iso-loss map in the (N, C) plane from a family's joint law on a dataset: D follows
 * from the compute each model size costs (MACs(N) fitted on the runs, epochs to
 * convergence measured on them). Rows: kind "grid" (N, C, D, L) and "optimal" (C, N).
 */
export function isoLossRows(rows: readonly RunRow[], family: string, dataset: string, law: JointLawParams, size = 24): TableRow[] {
  const macs = fitMacs(macsPoints(rows, family));
  const fam = rows.filter((r) => r.family === family);
  const epochs = epochsToConvergence(fam.map((r) => ({D: r.records, samplesSeen: r.batch * r.steps_done})));
  if (!macs.ok || !epochs.ok || fam.length === 0) return [];
  const logSpace = (lo: number, hi: number) => Array.from({length: size}, (_, i) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / (size - 1)));
  const Ns = fam.map((r) => r.params);
  const Cs = fam.map((r) => r.flops);
  const grid = isoLossGrid({
    law,
    macs: {m: macs.m, p: macs.p},
    epochs: epochs.epochs,
    N: logSpace(Math.min(...Ns) / 3, Math.max(...Ns) * 3),
    C: logSpace(Math.min(...Cs) / 3, Math.max(...Cs) * 3)
  });
  if (!grid.ok) return [];
  const out: TableRow[] = [];
  for (let j = 0; j < grid.height; j++) {
    for (let i = 0; i < grid.width; i++) {
      const k = i + j * grid.width;
      out.push({family, dataset, kind: "grid", N: grid.N[i], C: grid.C[j], D: grid.D[k], L: grid.values[k]});
    }
  }
  for (const o of grid.optimal) out.push({family, dataset, kind: "optimal", N: o.N, C: o.C, D: o.D, L: o.L});
  return out;
}

/**
 * Compute-optimal allocation of a family: N_opt ~ C^a, D_opt ~ C^b with a = beta / (alpha + p beta)
 * for the measured MACs(N) exponent p (and the paper's p = 1), plus the constant-epochs estimate.
 */
export function allocationColumns(rows: readonly RunRow[], family: string, law: JointLawParams): TableRow {
  const macs = fitMacs(macsPoints(rows, family));
  const fam = rows.filter((r) => r.family === family);
  const epochs = epochsToConvergence(fam.map((r) => ({D: r.records, samplesSeen: r.batch * r.steps_done})));
  if (!macs.ok) return {allocation_reason: macs.message};
  const measured = computeOptimalExponents(law.alpha, law.beta, macs.p);
  return {macs_m: macs.m, macs_p: macs.p, alloc_a: measured.a, alloc_b: measured.b, epochs: epochs.ok ? epochs.epochs : null};
}
