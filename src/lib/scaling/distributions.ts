// Distribution functions for the tests the analysis makes: the normal, chi-square and F
// distributions (lack of fit), the binomial (sign tests, proportions of units) with its
// Clopper-Pearson interval, and Holm's step-down adjustment. Pure and dependency-free (the
// pages call them in the browser). Incomplete gamma and beta functions by the series and
// continued fractions of Numerical Recipes (Press et al. 2007, sections 6.2 and 6.4).

/** log Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 digits). */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (!(x > 0)) return 0;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(-x + a * Math.log(x) - logGamma(a)));
  }
  return 1 - gammaQContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate in the far tail. */
export function gammaQ(a: number, x: number): number {
  if (!(x > 0)) return 1;
  return x < a + 1 ? 1 - gammaP(a, x) : gammaQContinuedFraction(a, x);
}

function gammaQContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Regularized incomplete beta I_x(a, b). */
export function betaI(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Standard normal CDF (via erfc, about 1e-7 absolute accuracy or better). */
export function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  const x = Math.abs(z) / Math.SQRT2;
  // erfc from the regularized incomplete gamma: erfc(x) = Q(1/2, x^2).
  const erfc = x === 0 ? 1 : gammaQ(0.5, x * x);
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Upper tail P(X >= x) of a chi-square with k degrees of freedom. */
export function chiSquareUpper(x: number, k: number): number {
  if (!(k > 0)) return NaN;
  return x <= 0 ? 1 : gammaQ(k / 2, x / 2);
}

/** Upper tail P(F >= f) of an F distribution with (d1, d2) degrees of freedom. */
export function fUpper(f: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0)) return NaN;
  if (f <= 0) return 1;
  return betaI(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

/** Upper tail P(T >= t) of Student's t with df degrees of freedom. */
export function tUpper(t: number, df: number): number {
  if (!(df > 0)) return NaN;
  const tail = 0.5 * betaI(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}

/** P(X >= k) for X ~ Binomial(n, p) (exact sum; 1 when k <= 0). */
export function binomialUpper(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Math.exp(logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log(1 - p));
  return Math.min(1, sum);
}

/**
 * Clopper-Pearson (exact) interval for a binomial proportion k / n at central coverage `level`:
 * the lower end solves P(X >= k | p) = (1 - level) / 2, the upper P(X <= k | p) = (1 - level) / 2.
 */
export function clopperPearson(k: number, n: number, level = 0.95): {lo: number; hi: number} {
  if (n <= 0) return {lo: 0, hi: 1};
  const tail = (1 - level) / 2;
  const solve = (f: (p: number) => number) => {
    // f increasing in p; find p with f(p) = tail by bisection.
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (f(mid) < tail) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const lo = k === 0 ? 0 : solve((p) => binomialUpper(k, n, p));
  const hi = k === n ? 1 : 1 - solve((q) => binomialUpper(n - k, n, q));
  return {lo, hi};
}

/** Holm's step-down adjusted p-values (Holm 1979), in the input's order; NaN stays NaN and is not counted. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const idx = pValues.map((p, i) => [p, i] as const).filter(([p]) => Number.isFinite(p)).sort((a, b) => a[0] - b[0]);
  const m = idx.length;
  const out = pValues.map(() => NaN);
  let running = 0;
  idx.forEach(([p, i], j) => {
    running = Math.max(running, Math.min(1, (m - j) * p));
    out[i] = running;
  });
  return out;
}
