/**
 * Limited-memory BFGS (Nocedal & Wright 2006, Algorithm 7.4 / 7.5) with a strong-Wolfe line
 * search (Algorithms 3.5 and 3.6, cubic interpolation with safeguards), in float64 plain JS.
 *
 * An optional diagonal preconditioner D (an approximation of the inverse Hessian's diagonal)
 * replaces the identity as the initial matrix of the two-loop recursion, scaled each iteration by
 * s'y / y'Dy; this is L-BFGS in the variables D^{-1/2} x. The first step is then the Newton-like
 * step -D g with unit length.
 *
 * Written for the linear probe (training/eval/logistic.ts); training/ never imports src/, so this
 * is independent of the scaling-law BFGS in src/lib/scaling/bfgs.ts. Deterministic: the same
 * inputs give bit-identical outputs.
 */

/** f(x), writing the gradient into g. May return Infinity/NaN where undefined (treated as "too far"). */
export type Objective = (x: Float64Array, g: Float64Array) => number;

export type LbfgsStop = "gradient" | "max-iterations" | "line-search-failed" | "non-finite-start";

export interface LbfgsOptions {
  /** Correction pairs kept (default 10). */
  memory?: number;
  /** Iteration cap (default 1000). Each iteration is one line search (usually one evaluation). */
  maxIterations?: number;
  /** Stop when gradientNorm(g) <= tolerance * max(1, |f|) (default ||g||_2 and 1e-6). */
  tolerance?: number;
  /** Diagonal initial inverse Hessian (all entries > 0), same length as x. */
  preconditioner?: Float64Array;
  /**
   * The norm the tolerance applies to (default the Euclidean norm of g), e.g. the gradient's norm in
   * the coordinates the caller reports when it optimises in transformed ones.
   */
  gradientNorm?: (g: Float64Array) => number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  g: Float64Array;
  /** gradientNorm(g) (default ||g||_2) at x. */
  gradNorm: number;
  iterations: number;
  evaluations: number;
  /** The gradient criterion holds at x. */
  converged: boolean;
  stop: LbfgsStop;
}

const C1 = 1e-4;
const C2 = 0.9;
const MAX_LINE_EVALUATIONS = 40;

export function minimizeLbfgs(objective: Objective, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const {memory = 10, maxIterations = 1000, tolerance = 1e-6, preconditioner, gradientNorm = norm2} = options;
  const p = x0.length;
  if (preconditioner && preconditioner.length !== p) throw new Error("lbfgs: preconditioner length differs from x");
  let x = Float64Array.from(x0);
  let g = new Float64Array(p);
  let evaluations = 1;
  let f = objective(x, g);
  const done = (stop: LbfgsStop, iterations: number): LbfgsResult => {
    const gradNorm = gradientNorm(g);
    return {x, f, g, gradNorm, iterations, evaluations, converged: Number.isFinite(f) && gradNorm <= tolerance * Math.max(1, Math.abs(f)), stop};
  };
  if (!Number.isFinite(f) || !allFinite(g)) return done("non-finite-start", 0);

  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const alphaTmp = new Float64Array(memory);
  const direction = new Float64Array(p);
  const line = new LineSearch(objective, p);

  for (let iteration = 0; ; iteration++) {
    if (gradientNorm(g) <= tolerance * Math.max(1, Math.abs(f))) return done("gradient", iteration);
    if (iteration >= maxIterations) return done("max-iterations", iteration);

    let fresh = sHist.length === 0;
    twoLoop(g, sHist, yHist, rhoHist, preconditioner, alphaTmp, direction);
    if (!(dot(direction, g) < 0)) {
      // Not a descent direction (rounding in a nearly singular memory): restart from the preconditioned gradient.
      sHist.length = yHist.length = rhoHist.length = 0;
      twoLoop(g, sHist, yHist, rhoHist, preconditioner, alphaTmp, direction);
      fresh = true;
    }
    let step = fresh && !preconditioner ? Math.min(1, 1 / Math.max(normInf(g), 1e-300)) : 1;
    let result = line.search(x, f, g, direction, step);
    evaluations += result.evaluations;
    if (!result.ok && !fresh) {
      // Retry once along the preconditioned steepest-descent direction with a fresh memory.
      sHist.length = yHist.length = rhoHist.length = 0;
      twoLoop(g, sHist, yHist, rhoHist, preconditioner, alphaTmp, direction);
      step = preconditioner ? 1 : Math.min(1, 1 / Math.max(normInf(g), 1e-300));
      result = line.search(x, f, g, direction, step);
      evaluations += result.evaluations;
    }
    if (!result.ok) return done("line-search-failed", iteration);

    const s = new Float64Array(p);
    const y = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      s[i] = result.x[i] - x[i];
      y[i] = result.g[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * dot(y, y)) {
      if (sHist.length === memory) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rhoHist.push(1 / sy);
    }
    // The line search owns its buffers: copy out before the next search overwrites them.
    x = Float64Array.from(result.x);
    g = Float64Array.from(result.g);
    f = result.f;
  }
}

/** direction = -H g by the two-loop recursion, H0 = gamma * D (D = preconditioner or identity). */
function twoLoop(g: Float64Array, sHist: Float64Array[], yHist: Float64Array[], rho: number[], d: Float64Array | undefined, alpha: Float64Array, out: Float64Array): void {
  const p = g.length;
  const m = sHist.length;
  for (let i = 0; i < p; i++) out[i] = -g[i];
  for (let j = m - 1; j >= 0; j--) {
    const a = rho[j] * dot(sHist[j], out);
    alpha[j] = a;
    const y = yHist[j];
    for (let i = 0; i < p; i++) out[i] -= a * y[i];
  }
  let gamma = 1;
  if (m > 0) {
    const s = sHist[m - 1], y = yHist[m - 1];
    let yDy = 0;
    for (let i = 0; i < p; i++) yDy += y[i] * y[i] * (d ? d[i] : 1);
    gamma = dot(s, y) / yDy;
  }
  for (let i = 0; i < p; i++) out[i] *= gamma * (d ? d[i] : 1);
  for (let j = 0; j < m; j++) {
    const b = rho[j] * dot(yHist[j], out);
    const s = sHist[j];
    const a = alpha[j];
    for (let i = 0; i < p; i++) out[i] += (a - b) * s[i];
  }
}

interface Point {
  alpha: number;
  f: number;
  /** Directional derivative g . direction at alpha. */
  dphi: number;
}

/** Strong-Wolfe line search (Nocedal & Wright Algorithms 3.5 and 3.6). */
class LineSearch {
  private readonly xTrial: Float64Array;
  private gTrial: Float64Array;
  private gBest: Float64Array;
  private readonly xBest: Float64Array;

  constructor(private readonly objective: Objective, p: number) {
    this.xTrial = new Float64Array(p);
    this.gTrial = new Float64Array(p);
    this.gBest = new Float64Array(p);
    this.xBest = new Float64Array(p);
  }

  search(x: Float64Array, f0: number, g0: Float64Array, direction: Float64Array, alpha0: number): {ok: boolean; x: Float64Array; f: number; g: Float64Array; evaluations: number} {
    const dphi0 = dot(g0, direction);
    let evaluations = 0;
    // `lo` is the best point so far that satisfies sufficient decrease (alpha 0 = the start).
    const start: Point = {alpha: 0, f: f0, dphi: dphi0};
    let bestAlpha = 0;
    let bestF = f0;
    const evaluate = (alpha: number): Point => {
      for (let i = 0; i < x.length; i++) this.xTrial[i] = x[i] + alpha * direction[i];
      evaluations++;
      let f = this.objective(this.xTrial, this.gTrial);
      if (!Number.isFinite(f) || !allFinite(this.gTrial)) f = Infinity;
      const point = {alpha, f, dphi: Number.isFinite(f) ? dot(this.gTrial, direction) : NaN};
      if (Number.isFinite(f) && f <= f0 + C1 * alpha * dphi0 && f < bestF) {
        // Keep the best sufficient-decrease point in case the curvature condition is never met.
        bestAlpha = alpha;
        bestF = f;
        this.xBest.set(this.xTrial);
        [this.gBest, this.gTrial] = [this.gTrial, this.gBest];
      }
      return point;
    };
    // The accepted point is always the best sufficient-decrease point so far (zoom's invariant), held in xBest/gBest.
    const accept = (_point: Point) => ({ok: true, x: this.xBest, f: bestF, g: this.gBest, evaluations});
    const fallback = () => (bestAlpha > 0 && bestF < f0 ? {ok: true, x: this.xBest, f: bestF, g: this.gBest, evaluations} : {ok: false, x, f: f0, g: g0, evaluations});

    let prev = start;
    let alpha = alpha0;
    for (let i = 0; evaluations < MAX_LINE_EVALUATIONS; i++) {
      const cur = evaluate(alpha);
      if (cur.f > f0 + C1 * alpha * dphi0 || (i > 0 && cur.f >= prev.f)) return this.zoom(prev, cur, f0, dphi0, evaluate, accept, fallback, () => evaluations);
      if (Math.abs(cur.dphi) <= -C2 * dphi0) return accept(cur);
      if (cur.dphi >= 0) return this.zoom(cur, prev, f0, dphi0, evaluate, accept, fallback, () => evaluations);
      prev = cur;
      alpha *= 4; // still descending steeply: extrapolate
    }
    return fallback();
  }

  private zoom(
    lo: Point,
    hi: Point,
    f0: number,
    dphi0: number,
    evaluate: (alpha: number) => Point,
    accept: (p: Point) => {ok: boolean; x: Float64Array; f: number; g: Float64Array; evaluations: number},
    fallback: () => {ok: boolean; x: Float64Array; f: number; g: Float64Array; evaluations: number},
    count: () => number
  ) {
    while (count() < MAX_LINE_EVALUATIONS) {
      const width = Math.abs(hi.alpha - lo.alpha);
      if (width <= 1e-15 * Math.max(1, Math.abs(lo.alpha))) break;
      const a = Math.min(lo.alpha, hi.alpha) + 0.1 * width;
      const b = Math.max(lo.alpha, hi.alpha) - 0.1 * width;
      let alpha = cubicMinimiser(lo, hi);
      if (!(alpha >= a && alpha <= b)) alpha = (lo.alpha + hi.alpha) / 2;
      const cur = evaluate(alpha);
      if (cur.f > f0 + C1 * alpha * dphi0 || cur.f >= lo.f) hi = cur;
      else {
        if (Math.abs(cur.dphi) <= -C2 * dphi0) return accept(cur);
        if (cur.dphi * (hi.alpha - lo.alpha) >= 0) hi = lo;
        lo = cur;
      }
    }
    return fallback();
  }
}

/** Minimiser of the cubic through two points with their slopes (N&W eq. 3.59); NaN when undefined. */
function cubicMinimiser(p: Point, q: Point): number {
  if (!Number.isFinite(p.f) || !Number.isFinite(q.f) || !Number.isFinite(p.dphi) || !Number.isFinite(q.dphi)) return NaN;
  const d1 = p.dphi + q.dphi - (3 * (p.f - q.f)) / (p.alpha - q.alpha);
  const disc = d1 * d1 - p.dphi * q.dphi;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(q.alpha - p.alpha) * Math.sqrt(disc);
  const denom = q.dphi - p.dphi + 2 * d2;
  if (denom === 0) return NaN;
  return q.alpha - (q.alpha - p.alpha) * ((q.dphi + d2 - d1) / denom);
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function norm2(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function normInf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
