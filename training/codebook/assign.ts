/**
 * Nearest-code search for many words, exact but faster than a full scan: a partial-distance search
 * (Bei & Gray 1985). Dimensions are visited in order of decreasing spread of the codes (the samples around
 * the R peak first), each candidate's running sum is abandoned once it exceeds the best distance so far,
 * and the search starts from a hint (the previous word's code: neighbouring beats of a lead look alike), so
 * that bound is tight from the start. Ties go to the lower code index, as in a full scan.
 */
export class CodeSearch {
  private readonly order: Int32Array;
  /** Centroids with dimensions permuted into `order`. */
  private readonly permuted: Float32Array;
  private readonly x: Float64Array;

  constructor(
    readonly centroids: Float32Array,
    readonly k: number,
    readonly dim: number
  ) {
    if (dim % 8 !== 0) throw new Error(`code search: dimension ${dim} is not a multiple of 8`);
    const mean = new Float64Array(dim);
    const spread = new Float64Array(dim);
    for (let c = 0; c < k; c++) for (let d = 0; d < dim; d++) mean[d]! += centroids[c * dim + d]! / k;
    for (let c = 0; c < k; c++) for (let d = 0; d < dim; d++) spread[d]! += (centroids[c * dim + d]! - mean[d]!) ** 2;
    this.order = Int32Array.from({length: dim}, (_, i) => i).sort((a, b) => spread[b]! - spread[a]! || a - b);
    this.permuted = new Float32Array(k * dim);
    for (let c = 0; c < k; c++) for (let d = 0; d < dim; d++) this.permuted[c * dim + d] = centroids[c * dim + this.order[d]!]!;
    this.x = new Float64Array(dim);
  }

  /** Nearest code of row `row` of `data` (already normalised), starting from code `hint`. */
  nearest(data: Float32Array, row: number, hint = 0): number {
    const {dim, k, order, x} = this;
    const at = row * dim;
    for (let d = 0; d < dim; d++) x[d] = data[at + order[d]!]!;
    let best = this.distance(hint, Infinity);
    let arg = hint;
    for (let c = 0; c < k; c++) {
      if (c === hint) continue;
      const s = this.distance(c, best);
      if (s < best || (s === best && c < arg)) {
        best = s;
        arg = c;
      }
    }
    return arg;
  }

  /**
   * Squared distance from the current word to code `c`, summed in the permuted order, eight
   * dimensions at a time; abandoned (returning the partial sum, already > bound) once it exceeds `bound`.
   */
  private distance(c: number, bound: number): number {
    const {dim, permuted, x} = this;
    const base = c * dim;
    let s = 0;
    for (let d = 0; d < dim; d += 8) {
      const e0 = x[d]! - permuted[base + d]!;
      const e1 = x[d + 1]! - permuted[base + d + 1]!;
      const e2 = x[d + 2]! - permuted[base + d + 2]!;
      const e3 = x[d + 3]! - permuted[base + d + 3]!;
      const e4 = x[d + 4]! - permuted[base + d + 4]!;
      const e5 = x[d + 5]! - permuted[base + d + 5]!;
      const e6 = x[d + 6]! - permuted[base + d + 6]!;
      const e7 = x[d + 7]! - permuted[base + d + 7]!;
      s += e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3 + e4 * e4 + e5 * e5 + e6 * e6 + e7 * e7;
      if (s > bound) break;
    }
    return s;
  }
}
