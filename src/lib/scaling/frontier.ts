// Compute frontier (paper Fig. 5a, Fig. S.4, Appendix B.4): the Pareto set of runs in
// (compute C, loss L), fitted as
//   L = E + A (C - C0)^(-gamma),   E >= 0, A >= 0, 0 <= C0 < min C,
// where C0 absorbs the saturation at low compute. Same method as the joint law: Huber on log L
// via log-sum-exp, variable projection on a (gamma, C0) grid, BFGS refinement, bootstrap over
// the frontier points. C is centred on its geometric mean inside the fit.

import {runBootstrap, type BootstrapOptions, type BootstrapSummary} from "./bootstrap.js";
import {DEFAULT_HUBER_DELTA} from "./huber.js";
import {DEFAULT_EXPONENT_BOUNDS, exponentGrid, fitWarnings, meanLog} from "./joint-law.js";
import {fitPowerSum, refitPowerSum, type PowerSumFitOptions} from "./power-sum-fit.js";
import {predictPowerSum, type PowerSumModel} from "./power-sum-model.js";
import {rSquared, rSquaredLog} from "./r-squared.js";
import {cannotFit, type ConvergenceReport, type Fitted} from "./types.js";
import {checkBounds, checkCount, checkDelta, checkPositiveFinite, distinctCount} from "./validate.js";

export interface ComputePoint {
  /** Training compute C = 6 x MACs x batch x steps. */
  C: number;
  L: number;
}

export interface FrontierParams {
  E: number;
  A: number;
  C0: number;
  gamma: number;
}

export interface FrontierFitOptions {
  delta?: number;
  gammaBounds?: readonly [number, number];
}

export interface FrontierFit {
  params: FrontierParams;
  r2: number;
  r2Log: number;
  n: number;
  delta: number;
  convergence: ConvergenceReport;
  warnings: string[];
  solver: {phi: number[]; inverseHessian: number[]; logCRef: number; gammaBounds: readonly [number, number]; cMin: number};
}

const MIN_POINTS = 5; // four parameters and one degree of freedom
// C0 may approach min C but not reach it: (C - C0) must stay positive at every point.
const C0_MAX_FRACTION = 1 - 1e-6;
const C0_GRID_FRACTIONS = [0, 0.3, 0.6, 0.8, 0.9, 0.95, 0.98, 0.995];

/**
 * Pareto-optimal runs: sorted by compute, each with a loss strictly below every cheaper run's.
 * Returns the indices into `runs`, in increasing C.
 */
export function paretoFrontier(runs: readonly ComputePoint[]): number[] {
  const order = runs
    .map((_, i) => i)
    .filter((i) => Number.isFinite(runs[i]!.C) && Number.isFinite(runs[i]!.L))
    .sort((a, b) => runs[a]!.C - runs[b]!.C || runs[a]!.L - runs[b]!.L);
  const keep: number[] = [];
  let best = Infinity;
  for (const i of order) {
    if (runs[i]!.L < best) {
      keep.push(i);
      best = runs[i]!.L;
    }
  }
  return keep;
}

export function predictFrontier(p: FrontierParams, C: number): number {
  return p.E + p.A * Math.pow(C - p.C0, -p.gamma);
}

function frontierModel(points: readonly ComputePoint[], logCRef: number, gammaBounds: readonly [number, number], cMin: number): PowerSumModel {
  const n = points.length;
  const c = Float64Array.from(points, (p) => p.C / Math.exp(logCRef));
  const loss = Float64Array.from(points, (p) => p.L);
  return {
    n,
    nTerms: 2,
    nNonlin: 2,
    coefNames: ["E", "A"],
    nonlinNames: ["gamma", "C0"],
    bounds: [gammaBounds, [0, (cMin / Math.exp(logCRef)) * C0_MAX_FRACTION]],
    loss,
    logLoss: loss.map(Math.log),
    fill(theta, logB, dLogB) {
      const gamma = theta[0]!;
      const c0 = theta[1]!;
      for (let i = 0; i < n; i++) {
        const shifted = c[i]! - c0;
        logB[i * 2] = 0;
        logB[i * 2 + 1] = -gamma * Math.log(shifted);
        if (dLogB) {
          dLogB[i * 4] = 0;
          dLogB[i * 4 + 1] = 0;
          dLogB[i * 4 + 2] = -Math.log(shifted);
          dLogB[i * 4 + 3] = gamma / shifted;
        }
      }
    }
  };
}

function frontierOptions(delta: number, gammaBounds: readonly [number, number], cMinScaled: number, gammaGrid: number): PowerSumFitOptions {
  return {
    delta,
    grids: [exponentGrid(gammaBounds, gammaGrid), C0_GRID_FRACTIONS.map((f) => f * cMinScaled * C0_MAX_FRACTION)],
    maxBasins: 4
  };
}

function paramsOf(coefs: number[], theta: number[], logCRef: number): FrontierParams {
  const [gamma, c0] = theta as [number, number];
  return {E: coefs[0]!, A: coefs[1]! * Math.exp(gamma * logCRef), C0: c0 * Math.exp(logCRef), gamma};
}

/** Fit L = E + A (C - C0)^(-gamma) to frontier points (use paretoFrontier to select them). */
export function fitFrontier(points: readonly ComputePoint[], options: FrontierFitOptions = {}): Fitted<FrontierFit> {
  const delta = options.delta ?? DEFAULT_HUBER_DELTA;
  const gammaBounds = options.gammaBounds ?? DEFAULT_EXPONENT_BOUNDS;
  const C = points.map((p) => p.C);
  const bad =
    checkCount(points.length, MIN_POINTS, "The compute frontier") ??
    checkPositiveFinite(C, "compute C") ??
    checkPositiveFinite(points.map((p) => p.L), "loss") ??
    (distinctCount(C) < 4 ? cannotFit("too-few-distinct-x", `The frontier needs at least 4 distinct C; got ${distinctCount(C)}.`) : null) ??
    checkDelta(delta) ??
    checkBounds(gammaBounds, "gamma");
  if (bad) return bad;
  const logCRef = meanLog(C);
  const cMin = Math.min(...C);
  const model = frontierModel(points, logCRef, gammaBounds, cMin);
  const sol = fitPowerSum(model, new Float64Array(points.length).fill(1), frontierOptions(delta, gammaBounds, cMin / Math.exp(logCRef), 24));
  if (!sol.convergence.converged) {
    return cannotFit("not-converged", `The frontier fit did not converge (stopped by ${sol.convergence.stopReason}).`, sol.convergence);
  }
  const params = paramsOf(sol.coefs, sol.theta, logCRef);
  const predicted = predictPowerSum(model, sol.phi);
  // C0 = 0 (no low-compute saturation) is an ordinary outcome, not a warning.
  const warnings = fitWarnings({...sol.convergence, atBound: sol.convergence.atBound.filter((b) => b !== "C0" || params.C0 > 0.5 * cMin)});
  return {
    ok: true,
    params,
    r2: rSquared(model.loss, predicted),
    r2Log: rSquaredLog(model.loss, predicted),
    n: points.length,
    delta,
    convergence: sol.convergence,
    warnings,
    solver: {phi: Array.from(sol.phi), inverseHessian: Array.from(sol.inverseHessian), logCRef, gammaBounds, cMin}
  };
}

/** Bootstrap intervals for E, A, C0 and gamma, resampling the frontier points. */
export function bootstrapFrontier(
  points: readonly ComputePoint[],
  fit: FrontierFit,
  options: BootstrapOptions = {}
): Fitted<BootstrapSummary<"E" | "A" | "C0" | "gamma">> {
  if (points.length !== fit.n) return cannotFit("invalid-option", "The bootstrap needs the points the fit was made on.");
  const {logCRef, gammaBounds, cMin, phi, inverseHessian} = fit.solver;
  const model = frontierModel(points, logCRef, gammaBounds, cMin);
  const C = points.map((p) => p.C);
  const refitOptions = frontierOptions(fit.delta, gammaBounds, cMin / Math.exp(logCRef), 12);
  const summary = runBootstrap(
    points.length,
    {...fit.params},
    (weights) => {
      if (distinctCount(C, weights) < 4) return "degenerate";
      const r = refitPowerSum(model, weights, phi, refitOptions, inverseHessian);
      return r.converged ? paramsOf(r.coefs, r.theta, logCRef) : null;
    },
    options
  );
  return {ok: true, ...summary};
}
