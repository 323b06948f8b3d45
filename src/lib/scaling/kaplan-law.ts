// An alternative joint law with an N-D interaction: Kaplan et al. (2020), Eq. (1.5),
//   L(N, D) = [ (Nc / N)^(alphaN / alphaD) + Dc / D ]^alphaD,
// optionally with an irreducible term, L = E + [ ... ]^alphaD. Its limits are the marginal laws
// (Nc / N)^alphaN (D -> infinity) and (Dc / D)^alphaD (N -> infinity); unlike the additive law of
// Hoffmann et al. (E + A/N^alpha + B/D^beta), the gain from more data depends on N (a larger model
// gains more from data: the D term matters only once the N term has shrunk below it).
// Formula checked against Kaplan et al. (2020) Eq. (1.5) as quoted in public re-implementations
// (Nc = 8.8e13, Dc = 5.4e13, alphaN = 0.076, alphaD = 0.095 for language models).
//
// Fitted like the joint law (joint-law.ts): the mean Huber loss (delta = 1e-3) of log residuals,
// BFGS (bfgs.ts) from the best starts of a grid, the exponents mapped onto their search box by the
// same logistic map as power-sum-model.ts, convergence checked by a restart from the optimum.
// In centred logs u = log N - mean log N, v = log D - mean log D, with a = log Nc - mean log N,
// b = log Dc - mean log D and p = alphaN / alphaD:
//   log L = LSE( log E,  alphaD * LSE( p (a - u), b - v ) ).
// Grid starts: for fixed (alphaN, alphaD, E) the transformed loss (L - E)^(1 / alphaD) is linear
// in (Nc^p, Dc) with non-negative coefficients, solved by NNLS (nnls.ts) on relative residuals.

import {minimizeBfgs, verifyByRestart, type BfgsResult} from "./bfgs.js";
import {DEFAULT_HUBER_DELTA, huber, huberDerivative} from "./huber.js";
import {DEFAULT_EXPONENT_BOUNDS, checkJointPoints, exponentGrid, fitWarnings, meanLog, type LossPoint} from "./joint-law.js";
import {nnlsGram} from "./nnls.js";
import {boxFromFree, boxSlope, freeFromBox} from "./power-sum-model.js";
import {rSquared, rSquaredLog} from "./r-squared.js";
import {cannotFit, type ConvergenceReport, type Fitted} from "./types.js";
import {checkBounds, checkDelta} from "./validate.js";

export interface KaplanLawParams {
  /** Irreducible loss (0 without a floor). */
  E: number;
  Nc: number;
  alphaN: number;
  Dc: number;
  alphaD: number;
}

export interface KaplanFitOptions {
  /** Huber delta on log residuals (default 1e-3, as the joint law). */
  delta?: number;
  /** Search box of alphaN and of alphaD (default [0, 3], as the joint law's exponents). */
  exponentBounds?: readonly [number, number];
  /** Fit an irreducible term E (default true, like the joint law; false is Kaplan's Eq. 1.5 as printed). */
  floor?: boolean;
  /** Grid values per exponent for the starts (default 10). */
  gridSize?: number;
  /** Best grid starts refined by BFGS (default 4). */
  maxStarts?: number;
  maxIterations?: number;
}

export interface KaplanLawFit {
  params: KaplanLawParams;
  r2: number;
  r2Log: number;
  n: number;
  /** Fitted parameters: 5 with the floor, 4 without. */
  parameters: number;
  delta: number;
  convergence: ConvergenceReport;
  warnings: string[];
}

const GRADIENT_TOLERANCE = 1e-6;
/** Starting values of E as shares of the smallest loss. */
const FLOOR_SHARES = [0, 0.3, 0.6, 0.85, 0.95];

/** L(N, D) of the Kaplan form. */
export function predictKaplanLaw(p: KaplanLawParams, N: number, D: number): number {
  return p.E + Math.pow(Math.pow(p.Nc / N, p.alphaN / p.alphaD) + p.Dc / D, p.alphaD);
}

interface Layout {
  floor: boolean;
  /** Index of the first of [a, b, sN, sD] in x (1 with the floor: x[0] = log E). */
  at: number;
  bounds: readonly [number, number];
}

/** The objective (mean Huber / delta, as makeObjective) in x = [log E?, a, b, sN, sD], with its gradient. */
function kaplanObjective(u: Float64Array, v: Float64Array, logL: Float64Array, weights: ArrayLike<number>, delta: number, layout: Layout) {
  const {floor, at, bounds} = layout;
  const [lo, hi] = bounds;
  let wSum = 0;
  for (let i = 0; i < u.length; i++) wSum += weights[i]!;
  const norm = 1 / (delta * wSum);
  return (x: Float64Array, g: Float64Array): number => {
    const a = x[at]!;
    const b = x[at + 1]!;
    const aN = boxFromFree(x[at + 2]!, lo, hi);
    const aD = boxFromFree(x[at + 3]!, lo, hi);
    const p = aN / aD;
    let total = 0;
    let gE = 0, ga = 0, gb = 0, gN = 0, gD = 0;
    for (let i = 0; i < u.length; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      const z1 = p * (a - u[i]!);
      const z2 = b - v[i]!;
      const m = Math.max(z1, z2);
      const e1 = Math.exp(z1 - m);
      const e2 = Math.exp(z2 - m);
      const S = m + Math.log(e1 + e2);
      const w1 = e1 / (e1 + e2);
      const K = aD * S;
      let M = K;
      let wK = 1;
      if (floor) {
        const mm = Math.max(x[0]!, K);
        const eE = Math.exp(x[0]! - mm);
        const eK = Math.exp(K - mm);
        M = mm + Math.log(eE + eK);
        wK = eK / (eE + eK);
        gE += w * huberDerivative(M - logL[i]!, delta) * (1 - wK);
      }
      const r = M - logL[i]!;
      total += w * huber(r, delta);
      const psi = w * huberDerivative(r, delta) * wK; // d/dK
      ga += psi * w1 * aN;
      gb += psi * aD * (1 - w1);
      gN += psi * w1 * (a - u[i]!);
      gD += psi * (S - w1 * z1);
    }
    if (floor) g[0] = gE * norm;
    g[at] = ga * norm;
    g[at + 1] = gb * norm;
    g[at + 2] = gN * norm * boxSlope(x[at + 2]!, lo, hi);
    g[at + 3] = gD * norm * boxSlope(x[at + 3]!, lo, hi);
    return total * norm;
  };
}

/** Grid starts: NNLS of (L - E)^(1/alphaD) on (exp(-p u), exp(-v)) for each (alphaN, alphaD, E), scored by the objective. */
function gridStarts(u: Float64Array, v: Float64Array, loss: Float64Array, weights: ArrayLike<number>, layout: Layout, gridSize: number, objective: (x: Float64Array, g: Float64Array) => number) {
  const grid = exponentGrid(layout.bounds, gridSize);
  const minLoss = Math.min(...loss);
  const floors = layout.floor ? FLOOR_SHARES.map((s) => s * minLoss) : [0];
  const [lo, hi] = layout.bounds;
  const starts: {x: Float64Array; f: number}[] = [];
  const gram = new Float64Array(4);
  const h = new Float64Array(2);
  const c = new Float64Array(2);
  const g = new Float64Array(layout.at + 4);
  for (const aN of grid) {
    for (const aD of grid) {
      const p = aN / aD;
      for (const E of floors) {
        gram.fill(0);
        h.fill(0);
        for (let i = 0; i < u.length; i++) {
          const w = weights[i]!;
          if (w === 0) continue;
          const y = Math.pow(Math.max(loss[i]! - E, 1e-12 * loss[i]!), 1 / aD);
          const b0 = Math.exp(-p * u[i]!);
          const b1 = Math.exp(-v[i]!);
          const omega = w / (y * y);
          gram[0] += omega * b0 * b0;
          gram[1] += omega * b0 * b1;
          gram[3] += omega * b1 * b1;
          h[0] += omega * b0 * y;
          h[1] += omega * b1 * y;
        }
        gram[2] = gram[1]!;
        nnlsGram(gram, h, 2, c);
        const x = new Float64Array(layout.at + 4);
        if (layout.floor) x[0] = Math.log(Math.max(E, 1e-6 * minLoss));
        // c0 = exp(p a), c1 = exp(b); a vanished term starts far below the other.
        x[layout.at] = c[0]! > 0 ? Math.log(c[0]!) / p : Math.min(...u) - 20 / p;
        x[layout.at + 1] = c[1]! > 0 ? Math.log(c[1]!) : Math.min(...v) - 20;
        x[layout.at + 2] = freeFromBox(aN, lo, hi);
        x[layout.at + 3] = freeFromBox(aD, lo, hi);
        const f = objective(x, g);
        if (Number.isFinite(f)) starts.push({x, f});
      }
    }
  }
  return starts.sort((p, q) => p.f - q.f);
}

function exponentsOf(x: ArrayLike<number>, layout: Layout): [number, number] {
  const [lo, hi] = layout.bounds;
  return [boxFromFree(x[layout.at + 2]!, lo, hi), boxFromFree(x[layout.at + 3]!, lo, hi)];
}

/** Fit L(N, D) = E + [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD (E = 0 with floor: false). */
export function fitKaplanLaw(points: readonly LossPoint[], options: KaplanFitOptions = {}): Fitted<KaplanLawFit> {
  const floor = options.floor ?? true;
  const bad = checkJointPoints(points, floor);
  if (bad) return bad.message.startsWith("The joint law") ? {...bad, message: bad.message.replace("The joint law", "The Kaplan law")} : bad;
  const delta = options.delta ?? DEFAULT_HUBER_DELTA;
  const bounds = options.exponentBounds ?? DEFAULT_EXPONENT_BOUNDS;
  const badOption = checkDelta(delta) ?? checkBounds(bounds, "Exponent");
  if (badOption) return badOption;
  const layout: Layout = {floor, at: floor ? 1 : 0, bounds};
  const logNRef = meanLog(points.map((p) => p.N));
  const logDRef = meanLog(points.map((p) => p.D));
  const u = Float64Array.from(points, (p) => Math.log(p.N) - logNRef);
  const v = Float64Array.from(points, (p) => Math.log(p.D) - logDRef);
  const loss = Float64Array.from(points, (p) => p.L);
  const logL = loss.map(Math.log);
  const weights = new Float64Array(points.length).fill(1);
  const objective = kaplanObjective(u, v, logL, weights, delta, layout);
  const bfgsOptions = {maxIterations: options.maxIterations ?? 500, gradientTolerance: GRADIENT_TOLERANCE * 1e-2};

  // The best grid starts, at most one per exponent pair (the floor's starting share is the third axis).
  const seen = new Set<string>();
  const picked = gridStarts(u, v, loss, weights, layout, options.gridSize ?? 10, objective).filter((s) => {
    const key = exponentsOf(s.x, layout).map((e) => e.toFixed(6)).join("|");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, options.maxStarts ?? 4);
  if (picked.length === 0) return cannotFit("not-converged", "The Kaplan fit found no finite starting point.");
  const runs: BfgsResult[] = picked.map((s) => minimizeBfgs(objective, s.x, bfgsOptions)).sort((p, q) => p.f - q.f);
  const check = verifyByRestart(objective, runs[0]!, bfgsOptions);
  const {best, verified} = check;
  const iterations = runs[0]!.iterations + check.iterations;
  const evaluations = runs.reduce((s, r) => s + r.evaluations, 0) + check.evaluations;
  const [alphaN, alphaD] = exponentsOf(best.x, layout);
  const width = bounds[1] - bounds[0];
  const other = runs.find((r) => Number.isFinite(r.f) && exponentsOf(r.x, layout).some((e, k) => Math.abs(e - [alphaN, alphaD][k]!) > 1e-3 * width));
  let gradNorm = 0;
  for (const q of best.g) gradNorm = Math.max(gradNorm, Math.abs(q));
  const params: KaplanLawParams = {
    E: floor ? Math.exp(best.x[0]!) : 0,
    Nc: Math.exp(best.x[layout.at]! + logNRef),
    alphaN,
    Dc: Math.exp(best.x[layout.at + 1]! + logDRef),
    alphaD
  };
  const predicted = points.map((p) => predictKaplanLaw(params, p.N, p.D));
  const minLoss = Math.min(...loss);
  const atBound: string[] = [];
  if (floor && params.E < 1e-6 * minLoss) atBound.push("E");
  // A term has vanished when it is a negligible share of the bracket at every point.
  const shares = points.map((p) => {
    const t1 = Math.pow(params.Nc / p.N, alphaN / alphaD);
    return t1 / (t1 + params.Dc / p.D);
  });
  if (Math.max(...shares) < 1e-6) atBound.push("Nc");
  if (Math.min(...shares) > 1 - 1e-6) atBound.push("Dc");
  for (const [name, e] of [["alphaN", alphaN], ["alphaD", alphaD]] as const) {
    if (e - bounds[0] <= 1e-4 * width || bounds[1] - e <= 1e-4 * width) atBound.push(name);
  }
  const convergence: ConvergenceReport = {
    converged: Number.isFinite(best.f) && verified && gradNorm <= GRADIENT_TOLERANCE,
    stopReason: best.stop,
    gradientNorm: gradNorm,
    iterations,
    evaluations,
    starts: picked.length,
    atBound,
    objective: best.f,
    secondBestObjective: other ? other.f : null,
    secondBestExponents: other ? exponentsOf(other.x, layout) : null,
    verifiedByRestart: verified
  };
  if (!convergence.converged) {
    return cannotFit("not-converged", `The Kaplan fit did not converge (stopped by ${best.stop}, gradient norm ${gradNorm.toExponential(2)}).`, convergence);
  }
  const warnings = fitWarnings(convergence).map((w) =>
    w.startsWith("Nc ") || w.startsWith("Dc ") ? `The ${w.slice(0, 2) === "Nc" ? "N" : "D"} term of the Kaplan law vanished: the data show no effect of ${w.slice(0, 2) === "Nc" ? "N" : "D"}.` : w
  );
  return {
    ok: true,
    params,
    r2: rSquared(loss, predicted),
    r2Log: rSquaredLog(loss, predicted),
    n: points.length,
    parameters: floor ? 5 : 4,
    delta,
    convergence,
    warnings
  };
}
