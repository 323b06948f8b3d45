/**
 * Eigendecomposition of a real symmetric matrix: Householder reduction to tridiagonal form
 * followed by the implicit QL algorithm (tred2 / tql2 of EISPACK, in the form of the public-domain
 * JAMA library's EigenvalueDecomposition). O(d^3), float64, deterministic.
 *
 * Used by the linear probe (training/eval/logistic.ts) to rotate standardised features onto their
 * principal axes, where the L2 penalty stays isotropic and a diagonal preconditioner is exact for
 * the quadratic part of the loss.
 */

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors as the columns of a row-major (d x d) matrix: vectors[i * d + j] is component i of vector j. */
  vectors: Float64Array;
}

/** `a` is row-major (d x d) and symmetric (only its lower triangle is read). */
export function symmetricEigen(a: ArrayLike<number>, d: number): SymmetricEigen {
  if (a.length !== d * d) throw new Error(`symmetricEigen: expected ${d * d} entries, got ${a.length}`);
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) throw new Error("symmetricEigen: matrix has a non-finite entry");
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  if (d === 0) return {values, vectors};
  // Work on T = V^T: both stages then run their inner loops along contiguous rows.
  const T: Float64Array[] = Array.from({length: d}, () => new Float64Array(d));
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) T[i][j] = T[j][i] = a[i * d + j];
  const e = new Float64Array(d);
  tred2(T, values, e, d);
  tql2(T, values, e, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) vectors[i * d + j] = T[j][i];
  return {values, vectors};
}

/** Householder tridiagonalisation on the transpose T = V^T (so every inner loop runs along a row). */
function tred2(T: Float64Array[], dd: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) dd[j] = T[j][n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(dd[k]);
    if (scale === 0) {
      e[i] = dd[i - 1];
      for (let j = 0; j < i; j++) {
        dd[j] = T[j][i - 1];
        T[j][i] = 0;
        T[i][j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        dd[k] /= scale;
        h += dd[k] * dd[k];
      }
      let f = dd[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      dd[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = dd[j];
        T[i][j] = f;
        const tj = T[j];
        g = e[j] + tj[j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += tj[k] * dd[k];
          e[k] += tj[k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * dd[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * dd[j];
      for (let j = 0; j < i; j++) {
        f = dd[j];
        g = e[j];
        const tj = T[j];
        for (let k = j; k <= i - 1; k++) tj[k] -= f * e[k] + g * dd[k];
        dd[j] = tj[i - 1];
        tj[i] = 0;
      }
    }
    dd[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    T[i][n - 1] = T[i][i];
    T[i][i] = 1;
    const h = dd[i + 1];
    if (h !== 0) {
      const next = T[i + 1];
      for (let k = 0; k <= i; k++) dd[k] = next[k] / h;
      for (let j = 0; j <= i; j++) {
        const tj = T[j];
        let g = 0;
        for (let k = 0; k <= i; k++) g += next[k] * tj[k];
        for (let k = 0; k <= i; k++) tj[k] -= g * dd[k];
      }
    }
    for (let k = 0; k <= i; k++) T[i + 1][k] = 0;
  }
  for (let j = 0; j < n; j++) {
    dd[j] = T[j][n - 1];
    T[j][n - 1] = 0;
  }
  T[n - 1][n - 1] = 1;
  e[0] = 0;
}

/** `T` holds the eigenvectors as rows (T[j] = vector j). */
function tql2(T: Float64Array[], dd: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(dd[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 300) throw new Error("symmetricEigen: QL iteration did not converge");
        let g = dd[l];
        let p = (dd[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        dd[l] = e[l] / (p + r);
        dd[l + 1] = e[l] * (p + r);
        const dl1 = dd[l + 1];
        let h = g - dd[l];
        for (let i = l + 2; i < n; i++) dd[i] -= h;
        f += h;
        p = dd[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * dd[i] - s * g;
          dd[i + 1] = h + s * (c * g + s * dd[i]);
          const ti = T[i], ti1 = T[i + 1];
          for (let k = 0; k < n; k++) {
            h = ti1[k];
            ti1[k] = s * ti[k] + c * h;
            ti[k] = c * ti[k] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        dd[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    dd[l] += f;
    e[l] = 0;
  }
  // Sort ascending (selection sort, swapping eigenvector columns).
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = dd[i];
    for (let j = i + 1; j < n; j++) if (dd[j] < p) [k, p] = [j, dd[j]];
    if (k !== i) {
      dd[k] = dd[i];
      dd[i] = p;
      [T[i], T[k]] = [T[k], T[i]];
    }
  }
}
