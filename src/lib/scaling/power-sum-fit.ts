// Fitting a PowerSumModel: variable projection on a grid of the nonlinear parameters, then a
// quasi-Newton refinement of all parameters from the best few basins, with a convergence report.
//
// Variable projection (Golub & Pereyra 1973; proposed for Chinchilla "Approach 3" by Open Athena's
// VPNLS): for fixed exponents theta the model is linear in its coefficients c >= 0. Two profiles
// over a grid of theta seed the search:
//   - cheap, on the full grid: NNLS on relative residuals (f - L) / L (a first-order stand-in for
//     log residuals), scored by the true objective (Huber on log residuals) at those coefficients;
//   - exact, on every other grid value: where NNLS dropped a term, the Huber-optimal coefficients
//     (inner-coefficients.ts), which reveals basins the cheap profile flattens.
// The best grid local minima of each seed BFGS on all parameters (polish), alternated with exact
// coefficient solves; a restart from the optimum with a fresh Hessian checks the convergence.

import {minimizeBfgs, verifyByRestart, type BfgsOptions, type BfgsResult, type ObjectiveWithGradient} from "./bfgs.js";
import {objectiveOf, solveCoefficients, solveCoefficientsForBasis} from "./inner-coefficients.js";
import {nnlsGram} from "./nnls.js";
import {
  boxFromFree,
  freeFromBox,
  makeObjective,
  thetaOf,
  type PowerSumModel
} from "./power-sum-model.js";
import type {ConvergenceReport} from "./types.js";

export interface PowerSumFitOptions {
  /** Huber delta on log residuals. */
  delta: number;
  /** Grid of starting values for each nonlinear parameter. */
  grids: number[][];
  /** Grid local minima refined by BFGS. */
  maxBasins?: number;
  /** Gradient threshold (optimiser coordinates, objective units of makeObjective) for "converged". */
  gradientTolerance?: number;
  maxIterations?: number;
  /** Inner solves per grid point in the exact profile (0 = cheap least-squares profile). */
  profileIterations?: number;
}

export interface PowerSumSolution {
  /** Optimiser variables [log c..., s...]. */
  phi: Float64Array;
  objective: number;
  coefs: number[];
  theta: number[];
  convergence: ConvergenceReport;
  /** Inverse Hessian the optimiser built on its way to the optimum (warm start for refits). */
  inverseHessian: Float64Array;
}

const DEFAULT_GTOL = 1e-6;

interface GridProfile {
  values: Float64Array;
  coefs: Float64Array;
  shape: number[];
}

const DEFAULT_PROFILE_ITERATIONS = 10;

/**
 * Score every grid point. Cheap mode: NNLS coefficients on relative residuals, scored by the
 * Huber objective (an upper bound of the profile). Exact mode (the main fit): those coefficients
 * then polished into the Huber optimum at that grid point (the true profile), continuing from
 * the neighbouring grid point. The exact profile matters when some term is negligible: the
 * cheap profile is then flat over that term's exponent and hides basins.
 */
export function gridProfile(
  model: PowerSumModel,
  weights: ArrayLike<number>,
  grids: number[][],
  delta: number,
  exactIterations = 0
): GridProfile {
  const exact = exactIterations > 0;
  const {n, nTerms: T, loss} = model;
  const shape = grids.map((g) => g.length);
  const total = shape.reduce((a, b) => a * b, 1);
  const values = new Float64Array(total);
  const coefs = new Float64Array(total * T);
  const logB = new Float64Array(n * T);
  const basis = new Float64Array(n * T);
  const gram = new Float64Array(T * T);
  const h = new Float64Array(T);
  const c = new Float64Array(T);
  const previous = new Float64Array(T);
  const theta = new Float64Array(grids.length);
  const gridIndex = new Int32Array(grids.length);
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += weights[i]!;
  const columns = model.termParam ? separableColumns(model, grids) : null;
  for (let flat = 0; flat < total; flat++) {
    let rest = flat;
    for (let k = grids.length - 1; k >= 0; k--) {
      theta[k] = grids[k]![rest % shape[k]!]!;
      if (columns) gridIndex[k] = rest % shape[k]!;
      rest = Math.floor(rest / shape[k]!);
    }
    if (columns) {
      for (let j = 0; j < T; j++) {
        const k = model.termParam![j]!;
        const col = k < 0 ? null : columns[k]![gridIndex[k]!]!;
        for (let i = 0; i < n; i++) basis[i * T + j] = col ? col[i]! : 1;
      }
    } else {
      model.fill(theta, logB, null);
      for (let q = 0; q < n * T; q++) basis[q] = Math.exp(logB[q]!);
    }
    gram.fill(0);
    h.fill(0);
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      // Relative residuals: weight 1 / L^2 on (f - L).
      const omega = w / (loss[i]! * loss[i]!);
      for (let a = 0; a < T; a++) {
        const ba = omega * basis[i * T + a]!;
        h[a] = h[a]! + ba * loss[i]!;
        for (let b = a; b < T; b++) gram[a * T + b] = gram[a * T + b]! + ba * basis[i * T + b]!;
      }
    }
    for (let a = 0; a < T; a++) for (let b = 0; b < a; b++) gram[a * T + b] = gram[b * T + a]!;
    nnlsGram(gram, h, T, c);
    let score = objectiveOf(model, weights, basis, c, delta, wSum);
    // The exact solve matters where least squares dropped a term (c_j = 0): there the Huber
    // optimum may keep it, and the cheap profile is flat. Elsewhere the cheap score stands.
    let dropped = false;
    for (let j = 0; j < T; j++) if (c[j] === 0) dropped = true;
    if (exact && dropped) {
      // Continue from the previous grid point's solution when it is the better start.
      if (flat > 0 && objectiveOf(model, weights, basis, previous, delta, wSum) < score) c.set(previous);
      if (Number.isFinite(objectiveOf(model, weights, basis, c, delta, wSum))) {
        score = solveCoefficientsForBasis(model, weights, basis, delta, c, c, exactIterations);
      }
    }
    if (exact) previous.set(c);
    values[flat] = score;
    for (let j = 0; j < T; j++) coefs[flat * T + j] = c[j]!;
  }
  return {values, coefs, shape};
}

/** columns[k][a][i] = B_ij at theta_k = grids[k][a], for the term j driven by parameter k. */
function separableColumns(model: PowerSumModel, grids: number[][]): Float64Array[][] {
  const {n, nTerms: T} = model;
  const logB = new Float64Array(n * T);
  return grids.map((grid, k) => {
    const j = model.termParam!.indexOf(k);
    return grid.map((value) => {
      const theta = grids.map((g) => g[0]!);
      theta[k] = value;
      model.fill(theta, logB, null);
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = Math.exp(logB[i * T + j]!);
      return col;
    });
  });
}

/** Indices of grid local minima (no neighbour strictly lower), best first. */
function gridLocalMinima(profile: GridProfile): number[] {
  const {values, shape} = profile;
  const K = shape.length;
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));
  const minima: number[] = [];
  const offsets: number[][] = [];
  for (let code = 0; code < 3 ** K; code++) {
    const off = Array.from({length: K}, (_, k) => (Math.floor(code / 3 ** k) % 3) - 1);
    if (off.some((o) => o !== 0)) offsets.push(off);
  }
  for (let flat = 0; flat < values.length; flat++) {
    const v = values[flat]!;
    if (!Number.isFinite(v)) continue;
    const idx = shape.map((s, k) => Math.floor(flat / strides[k]!) % s);
    let isMin = true;
    for (const off of offsets) {
      let nb = 0;
      let inside = true;
      for (let k = 0; k < K; k++) {
        const q = idx[k]! + off[k]!;
        if (q < 0 || q >= shape[k]!) inside = false;
        nb += q * strides[k]!;
      }
      if (inside && values[nb]! < v) {
        isMin = false;
        break;
      }
    }
    if (isMin) minima.push(flat);
  }
  return minima.sort((a, b) => values[a]! - values[b]!);
}

/** Smallest coefficient a start may have: log c must stay finite. */
function coefficientFloor(model: PowerSumModel): number {
  let minLoss = Infinity;
  for (let i = 0; i < model.n; i++) minLoss = Math.min(minLoss, model.loss[i]!);
  return 1e-7 * minLoss;
}

/**
 * Optimiser variables for a grid point: the exponents of the grid point and the Huber-optimal
 * coefficients there (solved exactly from the grid's least-squares coefficients).
 */
function startFromGrid(
  model: PowerSumModel,
  weights: ArrayLike<number>,
  delta: number,
  profile: GridProfile,
  grids: number[][],
  flat: number
): Float64Array {
  const T = model.nTerms;
  const K = grids.length;
  const theta = new Array<number>(K);
  let rest = flat;
  for (let k = K - 1; k >= 0; k--) {
    theta[k] = grids[k]![rest % grids[k]!.length]!;
    rest = Math.floor(rest / grids[k]!.length);
  }
  const c = new Float64Array(T);
  solveCoefficients(model, weights, theta, delta, profile.coefs.subarray(flat * T, flat * T + T), c);
  const phi = new Float64Array(T + K);
  const floor = coefficientFloor(model);
  for (let j = 0; j < T; j++) phi[j] = Math.log(Math.max(c[j]!, floor));
  for (let k = 0; k < K; k++) phi[T + k] = freeFromBox(theta[k]!, model.bounds[k]![0], model.bounds[k]![1]);
  return phi;
}

/**
 * BFGS, alternated with exact coefficient solves: after each BFGS run, re-solve the coefficients
 * at its exponents; if that lowers the objective (a coefficient stuck near zero, or one that
 * should be zero), run BFGS again from there.
 */
function polish(
  model: PowerSumModel,
  weights: ArrayLike<number>,
  delta: number,
  objective: ObjectiveWithGradient,
  phi0: ArrayLike<number>,
  bfgsOptions: BfgsOptions
): BfgsResult {
  const T = model.nTerms;
  let run = minimizeBfgs(objective, phi0, bfgsOptions);
  let evaluations = run.evaluations;
  const c = new Float64Array(T);
  const floor = coefficientFloor(model);
  for (let round = 0; round < 3 && Number.isFinite(run.f); round++) {
    const start = Array.from({length: T}, (_, j) => Math.exp(run.x[j]!));
    const F = solveCoefficients(model, weights, thetaOf(model, run.x), delta, start, c);
    if (!(F < run.f - 1e-9 * Math.max(1, Math.abs(run.f)))) break;
    const phi = Float64Array.from(run.x);
    for (let j = 0; j < T; j++) phi[j] = Math.log(Math.max(c[j]!, floor));
    const next = minimizeBfgs(objective, phi, {...bfgsOptions, initialInverseHessian: run.inverseHessian});
    evaluations += next.evaluations;
    if (!(next.f < run.f)) break;
    run = next;
  }
  return {...run, evaluations};
}

/**
 * Convergence is judged in the optimiser's own coordinates (log coefficients, logit of each
 * nonlinear parameter's position in its box), which are scale-free: a parameter of size 1e-3
 * and one of size 1e3 are held to the same standard, and a parameter pressing on its bound has a
 * vanishing gradient there instead of a spurious large one (it is flagged in atBound instead).
 */
function gradientNorm(grad: ArrayLike<number>): number {
  let m = 0;
  for (let q = 0; q < grad.length; q++) m = Math.max(m, Math.abs(grad[q]!));
  return m;
}

function atBoundNames(model: PowerSumModel, phi: ArrayLike<number>): string[] {
  const T = model.nTerms;
  const names: string[] = [];
  let minLoss = Infinity;
  for (let i = 0; i < model.n; i++) minLoss = Math.min(minLoss, model.loss[i]!);
  // A coefficient is "at its bound" when its term has vanished (e.g. no floor: E ~ 0).
  for (let j = 0; j < T; j++) if (Math.exp(phi[j]!) < 1e-6 * minLoss) names.push(model.coefNames[j]!);
  model.bounds.forEach(([lo, hi], k) => {
    const theta = boxFromFree(phi[T + k]!, lo, hi);
    if (theta - lo <= 1e-4 * (hi - lo) || hi - theta <= 1e-4 * (hi - lo)) names.push(model.nonlinNames[k]!);
  });
  return names;
}

function sameBasin(model: PowerSumModel, a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ta = thetaOf(model, a);
  const tb = thetaOf(model, b);
  return model.bounds.every(([lo, hi], k) => Math.abs(ta[k]! - tb[k]!) <= 1e-3 * (hi - lo));
}

/** Global fit: grid of starts by variable projection, BFGS from the best basins, restart check. */
export function fitPowerSum(model: PowerSumModel, weights: ArrayLike<number>, options: PowerSumFitOptions): PowerSumSolution {
  const {delta, grids} = options;
  const maxBasins = options.maxBasins ?? 4;
  const gtol = options.gradientTolerance ?? DEFAULT_GTOL;
  const bfgsOptions = {maxIterations: options.maxIterations ?? 500, gradientTolerance: gtol * 1e-2};
  const objective = makeObjective(model, weights, delta);
  // Two profiles seed the starts: the cheap one on the full grid (resolution), and the exact one
  // on every other grid value (it sees basins that the cheap one flattens when a term vanishes).
  const coarse = grids.map((g) => g.filter((_, q) => q % 2 === 1 || g.length <= 8));
  const cheap = gridProfile(model, weights, grids, delta, 0);
  const exact = gridProfile(model, weights, coarse, delta, options.profileIterations ?? DEFAULT_PROFILE_ITERATIONS);
  const startPoints = [
    ...gridLocalMinima(cheap).slice(0, maxBasins).map((flat) => startFromGrid(model, weights, delta, cheap, grids, flat)),
    ...gridLocalMinima(exact).slice(0, maxBasins).map((flat) => startFromGrid(model, weights, delta, exact, coarse, flat))
  ];
  // No finite grid point at all (cannot happen with positive losses): start from the first one.
  if (startPoints.length === 0) startPoints.push(startFromGrid(model, weights, delta, cheap, grids, 0));
  const starts = startPoints.length;
  const runs: BfgsResult[] = startPoints.map((phi) => polish(model, weights, delta, objective, phi, bfgsOptions));
  runs.sort((a, b) => a.f - b.f);
  const inverseHessian = runs[0]!.inverseHessian;
  // Restart from the optimum with a fresh Hessian: a premature stop shows up as further descent.
  const check = verifyByRestart(objective, runs[0]!, bfgsOptions);
  const best = check.best;
  const verified = check.verified;
  const iterations = runs[0]!.iterations + check.iterations;
  const evaluations = runs.reduce((s, r) => s + r.evaluations, 0) + check.evaluations;
  const other = runs.find((r) => Number.isFinite(r.f) && !sameBasin(model, r.x, best.x));
  const gradNorm = gradientNorm(best.g);
  const convergence: ConvergenceReport = {
    converged: Number.isFinite(best.f) && verified && gradNorm <= gtol,
    stopReason: best.stop,
    gradientNorm: gradNorm,
    iterations,
    evaluations,
    starts,
    atBound: atBoundNames(model, best.x),
    objective: best.f,
    secondBestObjective: other ? other.f : null,
    secondBestExponents: other ? thetaOf(model, other.x) : null,
    verifiedByRestart: verified
  };
  return {...solution(model, best.x, best.f), convergence, inverseHessian};
}

export interface WarmRefit {
  phi: Float64Array;
  objective: number;
  coefs: number[];
  theta: number[];
  converged: boolean;
}

/**
 * Refit with other weights (a bootstrap resample), starting from a previous optimum. A coarse
 * variable-projection grid guards against the resample's optimum lying in another basin: if any
 * grid point already beats the warm-started optimum, BFGS is run from there too.
 */
export function refitPowerSum(
  model: PowerSumModel,
  weights: ArrayLike<number>,
  phi0: ArrayLike<number>,
  options: PowerSumFitOptions,
  inverseHessian?: ArrayLike<number>
): WarmRefit {
  const gtol = options.gradientTolerance ?? DEFAULT_GTOL;
  // Refits stop just inside the convergence threshold (the full fit goes 100x further):
  // bootstrap percentiles need no more digits.
  const bfgsOptions = {maxIterations: options.maxIterations ?? 500, gradientTolerance: 0.5 * gtol};
  const objective = makeObjective(model, weights, options.delta);
  let best = polish(model, weights, options.delta, objective, phi0, {...bfgsOptions, initialInverseHessian: inverseHessian});
  if (options.grids.length > 0) {
    const profile = gridProfile(model, weights, options.grids, options.delta);
    let flat = 0;
    for (let q = 1; q < profile.values.length; q++) if (profile.values[q]! < profile.values[flat]!) flat = q;
    if (profile.values[flat]! < best.f) {
      const alt = polish(model, weights, options.delta, objective, startFromGrid(model, weights, options.delta, profile, options.grids, flat), bfgsOptions);
      if (alt.f < best.f) best = alt;
    }
  }
  const converged = Number.isFinite(best.f) && gradientNorm(best.g) <= gtol;
  return {...solution(model, best.x, best.f), converged};
}

function solution(model: PowerSumModel, phi: Float64Array, objective: number) {
  const coefs = Array.from({length: model.nTerms}, (_, j) => Math.exp(phi[j]!));
  return {phi: Float64Array.from(phi), objective, coefs, theta: thetaOf(model, phi)};
}

