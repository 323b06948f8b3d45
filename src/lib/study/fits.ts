// The study's fitted laws as table rows: one per family x dataset. Pure functions over
// runs-table rows, so the loaders (with many bootstrap resamples) and the pages (live
// refits with few) compute them the same way. Cannot-fit cases become rows with ok =
// false and the reason, which pages show as a message rather than drawing NaN.
import {
  bootstrapFrontier,
  createRng,
  lackOfFit,
  predictJointLaw,
  resampleCounts,
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
  /** Fit the marginal laws in N and in D too (default true; the calibration simulation skips them). */
  marginals?: boolean;
}

type Cell = string | number | boolean | null;
export type TableRow = Record<string, Cell>;

/** The k of the excess-loss reduction ratio k^-alpha reported in the fits table. */
export const SCALE_UP = 10;
/** Parameters whose bootstrap draws the fits table carries (for tests of differences between families). */
export const DRAW_COLUMNS = ["alpha", "beta"] as const;
/** Significant digits of the stored draws. */
const DRAW_DIGITS = 4;
/** Share of failed bootstrap refits above which a fit's row carries a warning. */
export const FAILED_REFITS_WARNING = 0.05;

/**
 * Bootstrap draws by resample index as a compact text cell ("0.3512,,0.2871,..."): a failed
 * refit is an empty entry, so the draws of two fits on the same resamples stay aligned.
 */
export function encodeDraws(draws: ArrayLike<number>): string {
  const out: string[] = [];
  for (let i = 0; i < draws.length; i++) out.push(Number.isFinite(draws[i]!) ? String(Number(draws[i]!.toPrecision(DRAW_DIGITS))) : "");
  return out.join(",");
}

/** The draws of a text cell written by encodeDraws, NaN for failed refits (empty for anything else). */
export function decodeDraws(cell: unknown): Float64Array {
  if (typeof cell !== "string" || cell === "") return new Float64Array(0);
  return Float64Array.from(cell.split(","), (x) => (x === "" ? NaN : Number(x)));
}

/**
 * The resamples of a family's runs: resample r is a multiplicity count per run (runs in key
 * order), drawn from `seed`. Every fit of the family (the ID law, each OOD law, each transfer law)
 * uses resample r of the same runs, so the floors of the joint laws refitted on resample r can be
 * carried into the transfer law refitted on resample r.
 */
export interface FamilyResamples {
  keys: string[];
  counts: Float64Array[];
}

export function familyResamples(rows: readonly RunRow[], family: string, resamples: number, seed = 1): FamilyResamples {
  const keys = rows.filter((r) => r.family === family).map((r) => r.key).sort();
  const rng = createRng(seed);
  const counts = Array.from({length: resamples}, () => resampleCounts(rng, new Float64Array(keys.length)));
  return {keys, counts};
}

/** The `counts` option of a bootstrap over `keys` (a subset of the family's runs) that follows the family's resamples. */
function countsFor(resampling: FamilyResamples, keys: readonly string[]): (r: number, out: Float64Array) => Float64Array {
  const index = new Map(resampling.keys.map((k, i) => [k, i]));
  const at = keys.map((k) => index.get(k) ?? -1);
  return (r, out) => {
    const c = resampling.counts[r]!;
    at.forEach((j, i) => (out[i] = j < 0 ? 0 : c[j]!));
    return out;
  };
}

/** "below", "above", "both" or null: which ends of an interval run into the search box [lo, hi]. */
export function unboundedSide(interval: {lo: number; hi: number}, bounds: readonly [number, number]): "below" | "above" | "both" | null {
  const tol = 1e-3 * (bounds[1] - bounds[0]);
  const below = interval.lo <= bounds[0] + tol;
  const above = interval.hi >= bounds[1] - tol;
  return below && above ? "both" : below ? "below" : above ? "above" : null;
}

export interface FitWithDraws {
  row: TableRow;
  /** Bootstrap draws of the floor E by resample index (NaN where the refit failed); empty without a bootstrap. */
  floorDraws: Float64Array;
  /** The fitted law (null without a fit) and its bootstrap replicates (converged resamples; empty without a bootstrap). */
  law: JointLawParams | null;
  samples: Record<keyof JointLawParams, Float64Array>;
}

const NO_SAMPLES = (): Record<keyof JointLawParams, Float64Array> => ({E: new Float64Array(0), A: new Float64Array(0), alpha: new Float64Array(0), B: new Float64Array(0), beta: new Float64Array(0)});

/** Joint law, intervals, marginal laws and the 10x excess-loss reduction for one family and dataset. */
export function fitRow(rows: readonly RunRow[], family: string, dataset: string, options: FitOptions = {}): TableRow {
  return fitRowWithDraws(rows, family, dataset, options).row;
}

/**
 * fitRow, plus the floor's bootstrap draws by resample (for the transfer laws). Columns beyond the
 * law: seed-to-seed spread and lack of fit (see lackOfFit), the bootstrap's resamples drawn, kept
 * and failed, the Monte-Carlo error of each interval end (<name>_lo_mc, <name>_hi_mc), the side
 * where an exponent's interval runs into its search box (<name>_unbounded) and the exponents'
 * draws (<name>_draws).
 */
export function fitRowWithDraws(rows: readonly RunRow[], family: string, dataset: string, options: FitOptions & {resampling?: FamilyResamples} = {}): FitWithDraws {
  const points = lossPoints(rows, family, dataset);
  const seeds = new Set(points.map((p) => p.seed)).size;
  const base: TableRow = {family, dataset, n: points.length, seeds};
  const fit = fitJointLaw(points, options);
  if (!fit.ok) return {row: {...base, ok: false, reason: fit.message}, floorDraws: new Float64Array(0), law: null, samples: NO_SAMPLES()};
  const p = fit.params;
  const bounds = fit.solver.bounds;
  const lof = lackOfFit(points, points.map((q) => predictJointLaw(p, q.N, q.D)), (fit.solver.floor ?? true) ? 5 : 4);
  const warnings = [...fit.warnings];
  const row: TableRow = {
    ...base,
    ok: true,
    reason: null,
    E: p.E, A: p.A, alpha: p.alpha, B: p.B, beta: p.beta,
    a: p.beta / (p.alpha + p.beta), b: p.alpha / (p.alpha + p.beta),
    r2: fit.r2, r2_log: fit.r2Log, converged: fit.convergence.converged,
    warnings: null,
    reduction_N: excessLossReductionRatio(p.alpha, SCALE_UP), reduction_D: excessLossReductionRatio(p.beta, SCALE_UP),
    exponent_lower: bounds[0], exponent_upper: bounds[1],
    cells: lof.cells, replicated_cells: lof.replicatedCells,
    replicate_sd: lof.replicateSd, residual_sd: lof.residualSd, evaluation_sd: lof.evaluationSd,
    lof_method: lof.method, lof_p: lof.p, lof_statistic: lof.statistic, lof_df1: lof.df1, lof_df2: lof.df2
  };
  let floorDraws: Float64Array = new Float64Array(0);
  let samples = NO_SAMPLES();
  const resamples = options.resamples ?? 0;
  if (resamples > 0) {
    const resampling = options.resampling ?? familyResamples(rows, family, resamples, options.seed ?? 1);
    const boot = bootstrapJointLaw(points, fit, {
      resamples,
      seed: options.seed ?? 1,
      delta: options.delta,
      counts: countsFor(resampling, points.map((q) => q.key))
    });
    if (boot.ok) {
      for (const [name, interval] of Object.entries(boot.intervals)) {
        row[`${name}_lo`] = interval.lo;
        row[`${name}_hi`] = interval.hi;
        const mc = boot.mc[name as keyof typeof boot.mc];
        row[`${name}_lo_mc`] = Number.isFinite(mc.lo) ? mc.lo : null;
        row[`${name}_hi_mc`] = Number.isFinite(mc.hi) ? mc.hi : null;
      }
      for (const name of DRAW_COLUMNS) {
        row[`${name}_unbounded`] = boot.used > 0 ? unboundedSide(boot.intervals[name], bounds) : null;
        row[`${name}_draws`] = encodeDraws(boot.draws[name]);
      }
      row.resamples = boot.resamples;
      row.resamples_used = boot.used;
      row.resamples_failed = boot.failed;
      row.resamples_degenerate = boot.degenerate;
      if (boot.failed > FAILED_REFITS_WARNING * boot.resamples) {
        warnings.push(`${boot.failed} of ${boot.resamples} bootstrap refits failed (${boot.degenerate} resamples could not identify the law, ${boot.failed - boot.degenerate} did not converge); the intervals use the other ${boot.used}.`);
      }
      floorDraws = boot.draws.E;
      samples = {E: boot.samples.E, A: boot.samples.A, alpha: boot.samples.alpha, B: boot.samples.B, beta: boot.samples.beta};
    }
  }
  row.warnings = warnings.join("; ") || null;
  if (options.marginals === false) return {row, floorDraws, law: p, samples};
  const inN = fitMarginalInN(points, {delta: options.delta});
  const inD = fitMarginalInD(points, {delta: options.delta});
  Object.assign(row, inN.ok ? {marginal_N_E: inN.params.E, marginal_N_exponent: inN.params.exponent, marginal_N_r2: inN.r2} : {marginal_N_reason: inN.message});
  Object.assign(row, inD.ok ? {marginal_D_E: inD.params.E, marginal_D_exponent: inD.params.exponent, marginal_D_r2: inD.r2} : {marginal_D_reason: inD.message});
  return {row, floorDraws, law: p, samples};
}

export interface TransferFloors {
  id?: number;
  ood?: number;
  /**
   * The floors' bootstrap draws by resample index (fitRowWithDraws on the ID loss and on this
   * dataset, with the same resamples and seed). Without them, and with resamples > 0, the
   * transfer row refits both joint laws itself.
   */
  idDraws?: Float64Array;
  oodDraws?: Float64Array;
}

/**
 * Loss-to-loss transfer L_ood - E_ood = K (L_id - E_id)^kappa with the floors of the joint fits.
 * The bootstrap refits the floors on every resample (the joint laws on the same resampled runs),
 * then the transfer law on them, so the floors' uncertainty is in the intervals. Runs whose ID or
 * OOD loss is at or below its floor have no logarithm: the row says how many were dropped and why.
 */
export function transferRow(rows: readonly RunRow[], family: string, dataset: string, floors: TransferFloors, options: FitOptions & {resampling?: FamilyResamples} = {}): TableRow {
  const base: TableRow = {family, dataset};
  if (floors.id === undefined || floors.ood === undefined) return {...base, ok: false, reason: "no joint-law floor for the ID loss or for this dataset"};
  const pairs = lossPairs(rows, family, dataset);
  const fit = fitLossToLoss(pairs, {id: floors.id, ood: floors.ood});
  if (!fit.ok) return {...base, ok: false, reason: fit.message, runs: pairs.length};
  const belowId = pairs.filter((q) => !(q.id - floors.id! > 0)).length;
  const belowOod = pairs.filter((q) => q.id - floors.id! > 0 && !(q.ood - floors.ood! > 0)).length;
  const droppedReason = fit.dropped
    ? `${fit.dropped} of ${pairs.length} runs dropped: ${[belowId ? `${belowId} with an ID loss at or below the ID floor` : "", belowOod ? `${belowOod} with an OOD loss at or below the OOD floor` : ""].filter(Boolean).join(", ")} (an excess loss that is not positive has no logarithm)`
    : null;
  const row: TableRow = {...base, ok: true, reason: null, K: fit.K, kappa: fit.kappa, r2_log: fit.r2Log, n: fit.n, runs: pairs.length, dropped: fit.dropped, dropped_reason: droppedReason, E_id: floors.id, E_ood: floors.ood};
  const resamples = options.resamples ?? 0;
  if (resamples > 0) {
    const seed = options.seed ?? 1;
    const resampling = options.resampling ?? familyResamples(rows, family, resamples, seed);
    const joint = {...options, resamples, seed, resampling};
    const idDraws = floors.idDraws ?? fitRowWithDraws(rows, family, "id", joint).floorDraws;
    const oodDraws = floors.oodDraws ?? fitRowWithDraws(rows, family, dataset, joint).floorDraws;
    const boot = bootstrapLossToLoss(pairs, fit, {
      resamples,
      seed,
      counts: countsFor(resampling, pairs.map((q) => q.key)),
      floorsFor: (r) => ({id: idDraws[r] ?? NaN, ood: oodDraws[r] ?? NaN})
    });
    if (boot.ok) {
      const floorFailed = Array.from({length: resamples}, (_, r) => !Number.isFinite(idDraws[r] ?? NaN) || !Number.isFinite(oodDraws[r] ?? NaN)).filter(Boolean).length;
      Object.assign(row, {
        kappa_lo: boot.intervals.kappa.lo, kappa_hi: boot.intervals.kappa.hi, K_lo: boot.intervals.K.lo, K_hi: boot.intervals.K.hi,
        kappa_lo_mc: finiteOrNull(boot.mc.kappa.lo), kappa_hi_mc: finiteOrNull(boot.mc.kappa.hi),
        kappa_draws: encodeDraws(boot.draws.kappa),
        resamples: boot.resamples, resamples_used: boot.used, resamples_failed: boot.failed,
        // Failed: the floors' refit failed on that resample, or fewer than 3 runs were left above the refitted floors.
        resamples_floor_failed: floorFailed,
        floors: "refitted per resample"
      });
    }
  }
  return row;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

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
