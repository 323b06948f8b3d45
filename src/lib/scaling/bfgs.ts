// A quasi-Newton minimiser: BFGS on the inverse Hessian with a strong-Wolfe line search
// (Nocedal & Wright 2006, Algorithms 3.5/3.6 and 6.1). The problems here have 3 to 5 parameters,
// so the dense update is cheaper than L-BFGS bookkeeping. Every stop says why it stopped.

/** f(x), writing the gradient into g. May return Infinity/NaN outside the domain. */
export type ObjectiveWithGradient = (x: Float64Array, g: Float64Array) => number;

export type BfgsStop = "gradient" | "small-change" | "max-iterations" | "line-search-failed" | "non-finite";

export interface BfgsOptions {
  maxIterations?: number;
  /** Stop when the infinity norm of the gradient falls below this. */
  gradientTolerance?: number;
  /** Stop when f changes by less than this (relative) with a tiny step, on 3 iterations in a row. */
  changeTolerance?: number;
  /**
   * Start from this inverse Hessian (n x n, row-major), e.g. the one a previous fit of a similar
   * problem ended with; a warm start converges in far fewer iterations than the identity.
   */
  initialInverseHessian?: ArrayLike<number>;
}

export interface BfgsResult {
  x: Float64Array;
  f: number;
  g: Float64Array;
  iterations: number;
  evaluations: number;
  stop: BfgsStop;
  /** Final inverse Hessian approximation (row-major), reusable as a warm start. */
  inverseHessian: Float64Array;
}

/**
 * Restart BFGS from a claimed optimum with a fresh Hessian, up to 3 times: a premature stop shows
 * up as further descent. Returns the best run, whether a restart confirmed it, and the iterations
 * (of the restarts that improved) and evaluations (of all restarts) spent.
 */
export function verifyByRestart(
  fg: ObjectiveWithGradient,
  start: BfgsResult,
  options: BfgsOptions
): {best: BfgsResult; verified: boolean; iterations: number; evaluations: number} {
  let best = start;
  let iterations = 0;
  let evaluations = 0;
  let verified = false;
  for (let attempt = 0; attempt < 3 && !verified; attempt++) {
    const again = minimizeBfgs(fg, best.x, options);
    evaluations += again.evaluations;
    verified = !(again.f < best.f - 1e-10 * Math.max(1, Math.abs(best.f)));
    if (again.f <= best.f) {
      iterations += again.iterations;
      best = again;
    }
  }
  return {best, verified, iterations, evaluations};
}

const C1 = 1e-4;
const C2 = 0.9;

export function minimizeBfgs(fg: ObjectiveWithGradient, x0: ArrayLike<number>, options: BfgsOptions = {}): BfgsResult {
  const maxIterations = options.maxIterations ?? 400;
  const gtol = options.gradientTolerance ?? 1e-8;
  const ftol = options.changeTolerance ?? 1e-13;
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let evaluations = 1;
  let f = fg(x, g);
  const h = identity(n); // inverse Hessian approximation
  let firstStep = true;
  if (options.initialInverseHessian && options.initialInverseHessian.length === n * n) {
    h.set(options.initialInverseHessian);
    firstStep = false;
  }
  if (!Number.isFinite(f) || !allFinite(g)) return {x, f, g, iterations: 0, evaluations, stop: "non-finite", inverseHessian: h};

  const p = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  let stalls = 0;
  let resets = 0;

  for (let iter = 1; iter <= maxIterations; iter++) {
    if (normInf(g) <= gtol) return {x, f, g, iterations: iter - 1, evaluations, stop: "gradient", inverseHessian: h};
    // Search direction p = -H g; fall back to steepest descent if H lost positive definiteness.
    matVec(h, g, p, n, -1);
    let slope = dot(g, p, n);
    if (!(slope < 0)) {
      setIdentity(h, n);
      for (let i = 0; i < n; i++) p[i] = -g[i]!;
      slope = dot(g, p, n);
    }
    // First step: scale so the trial move is modest in parameter space.
    const alpha0 = firstStep ? Math.min(1, 1 / Math.max(1e-300, normInf(p))) : 1;
    const ls = lineSearch(fg, x, f, g, p, slope, alpha0, xNew, gNew, n);
    evaluations += ls.evaluations;
    if (ls.alpha === 0) {
      // No acceptable step along a quasi-Newton direction: retry once from steepest descent.
      if (resets < 2) {
        resets++;
        setIdentity(h, n);
        firstStep = true;
        continue;
      }
      return {x, f, g, iterations: iter, evaluations, stop: "line-search-failed", inverseHessian: h};
    }
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const fOld = f;
    x.set(xNew);
    g.set(gNew);
    f = ls.f;
    const sy = dot(s, y, n);
    if (sy > 1e-12 * Math.sqrt(dot(s, s, n) * dot(y, y, n))) {
      if (firstStep) {
        // Scale the initial inverse Hessian (Nocedal & Wright eq. 6.20) before the first update.
        const scale = sy / dot(y, y, n);
        setIdentity(h, n, scale);
      }
      bfgsUpdate(h, s, y, sy, hy, n);
      firstStep = false;
    }
    if (Math.abs(fOld - f) <= ftol * Math.max(1, Math.abs(f)) && normInf(s) <= 1e-10 * Math.max(1, normInf(x))) {
      if (++stalls >= 3) return {x, f, g, iterations: iter, evaluations, stop: "small-change", inverseHessian: h};
    } else stalls = 0;
  }
  return {
    x,
    f,
    g,
    iterations: maxIterations,
    evaluations,
    stop: normInf(g) <= gtol ? "gradient" : "max-iterations",
    inverseHessian: h
  };
}

interface LineSearchResult {
  alpha: number;
  f: number;
  evaluations: number;
}

// Strong-Wolfe line search. On success xNew/gNew hold the accepted point. If only sufficient
// decrease could be met, that point is still accepted (the BFGS update is then skipped if s'y <= 0).
function lineSearch(
  fg: ObjectiveWithGradient,
  x: Float64Array,
  f0: number,
  g0: Float64Array,
  p: Float64Array,
  slope0: number,
  alphaInit: number,
  xNew: Float64Array,
  gNew: Float64Array,
  n: number
): LineSearchResult {
  let evaluations = 0;
  const evalAt = (alpha: number): [number, number] => {
    for (let i = 0; i < n; i++) xNew[i] = x[i]! + alpha * p[i]!;
    evaluations++;
    const fa = fg(xNew, gNew);
    if (!Number.isFinite(fa) || !allFinite(gNew)) return [Infinity, NaN];
    return [fa, dot(gNew, p, n)];
  };
  // Remember the best point that satisfies sufficient decrease, as a fallback.
  let armijoAlpha = 0;
  let armijoF = f0;
  const keep = (alpha: number, fa: number) => {
    if (fa <= f0 + C1 * alpha * slope0 && fa < armijoF) {
      armijoAlpha = alpha;
      armijoF = fa;
    }
  };
  const fallback = (): LineSearchResult => {
    if (armijoAlpha > 0) {
      evalAt(armijoAlpha); // restore xNew/gNew at the fallback point
      return {alpha: armijoAlpha, f: armijoF, evaluations};
    }
    return {alpha: 0, f: f0, evaluations};
  };

  const zoom = (lo: number, fLo: number, dLo: number, hi: number, fHi: number): LineSearchResult => {
    for (let j = 0; j < 40; j++) {
      // Quadratic interpolation from (lo, fLo, dLo) and (hi, fHi), safeguarded into the interval.
      let a = Number.isFinite(fHi)
        ? lo - (dLo * (hi - lo) ** 2) / (2 * (fHi - fLo - dLo * (hi - lo)))
        : 0.5 * (lo + hi);
      const left = Math.min(lo, hi);
      const width = Math.abs(hi - lo);
      if (!Number.isFinite(a) || a < left + 0.1 * width || a > left + 0.9 * width) a = 0.5 * (lo + hi);
      const [fa, da] = evalAt(a);
      keep(a, fa);
      if (fa > f0 + C1 * a * slope0 || fa >= fLo) {
        hi = a;
        fHi = fa;
      } else {
        if (Math.abs(da) <= -C2 * slope0) return {alpha: a, f: fa, evaluations};
        if (da * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
        }
        lo = a;
        fLo = fa;
        dLo = da;
      }
      if (Math.abs(hi - lo) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    return fallback();
  };

  let prev = 0;
  let fPrev = f0;
  let dPrev = slope0;
  let alpha = alphaInit;
  for (let i = 0; i < 30; i++) {
    const [fa, da] = evalAt(alpha);
    keep(alpha, fa);
    if (fa > f0 + C1 * alpha * slope0 || (i > 0 && fa >= fPrev)) return zoom(prev, fPrev, dPrev, alpha, fa);
    if (Math.abs(da) <= -C2 * slope0) return {alpha, f: fa, evaluations};
    if (da >= 0) return zoom(alpha, fa, da, prev, fPrev);
    prev = alpha;
    fPrev = fa;
    dPrev = da;
    alpha *= 2;
  }
  return fallback();
}

function bfgsUpdate(h: Float64Array, s: Float64Array, y: Float64Array, sy: number, hy: Float64Array, n: number) {
  // H <- (I - rho s y') H (I - rho y s') + rho s s', rho = 1 / s'y.
  const rho = 1 / sy;
  matVec(h, y, hy, n, 1);
  const yhy = dot(y, hy, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] = h[i * n + j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
    }
  }
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  setIdentity(m, n);
  return m;
}

function setIdentity(m: Float64Array, n: number, scale = 1) {
  m.fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = scale;
}

function matVec(m: Float64Array, v: Float64Array, out: Float64Array, n: number, sign: number) {
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j < n; j++) acc += m[i * n + j]! * v[j]!;
    out[i] = sign * acc;
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += a[i]! * b[i]!;
  return acc;
}

export function normInf(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return false;
  return true;
}
