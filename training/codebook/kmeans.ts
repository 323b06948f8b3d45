/**
 * k-means for the beat codebook: k-means++ seeding (Arthur & Vassilvitskii 2007) from a seeded stream, then
 * Lloyd iterations accelerated with Hamerly's bounds (Hamerly 2010, "Making k-means even faster"): each point
 * keeps an upper bound on the distance to its centre and a lower bound on the distance to any other; when the
 * bounds show the assignment cannot change, its distances are not computed. The result is exactly Lloyd's
 * (same assignments, same centres), only faster once few points move. Stops when no assignment changes,
 * when an iteration lowers the mean squared distance by less than `tolerance` (relative), or after
 * `maxIterations`; the tail of Lloyd's iterations on overlapping clusters moves a few hundred points at a
 * time for a fraction of a percent of distortion. An empty cluster is re-seeded with the point farthest from its centre (the usual
 * fix; deterministic). Float64 accumulation throughout, so results do not depend on summation luck.
 */
import {Rng} from "../util/prng.js";

export interface KMeansResult {
  centroids: Float32Array;
  assignments: Int32Array;
  iterations: number;
  /** Mean squared distance to the assigned centre after each iteration. */
  inertia: number[];
  /** True when assignments stopped changing or the tolerance was met (not merely maxIterations reached). */
  converged: boolean;
}

/** Squared distance between row i of `a` and row j of `b` (both `dim` wide). */
function dist2(a: Float32Array, i: number, b: Float32Array | Float64Array, j: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const ai = i * dim;
  const bj = j * dim;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    const e0 = a[ai + d]! - b[bj + d]!;
    const e1 = a[ai + d + 1]! - b[bj + d + 1]!;
    const e2 = a[ai + d + 2]! - b[bj + d + 2]!;
    const e3 = a[ai + d + 3]! - b[bj + d + 3]!;
    s0 += e0 * e0;
    s1 += e1 * e1;
    s2 += e2 * e2;
    s3 += e3 * e3;
  }
  for (; d < dim; d++) {
    const e = a[ai + d]! - b[bj + d]!;
    s0 += e * e;
  }
  return s0 + s1 + s2 + s3;
}

/** Nearest centre of every row (ties to the lower index) and its squared distance. */
export function nearest(data: Float32Array, n: number, dim: number, centroids: Float32Array, k: number): {index: Int32Array; d2: Float64Array} {
  const index = new Int32Array(n);
  const d2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let arg = 0;
    for (let c = 0; c < k; c++) {
      const v = dist2(data, i, centroids, c, dim);
      if (v < best) {
        best = v;
        arg = c;
      }
    }
    index[i] = arg;
    d2[i] = best;
  }
  return {index, d2};
}

/** k-means++: the first centre uniformly, each next one with probability proportional to D^2. */
export function kmeansPlusPlus(data: Float32Array, n: number, dim: number, k: number, rng: Rng): Float32Array {
  if (n < k) throw new Error(`k-means: ${n} points cannot seed ${k} centres`);
  const centroids = new Float32Array(k * dim);
  const closest = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(rng.next() * n);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(pick * dim, (pick + 1) * dim), c * dim);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = dist2(data, i, centroids, c, dim);
      if (v < closest[i]!) closest[i] = v;
      total += closest[i]!;
    }
    if (c === k - 1) break;
    // Sample the next centre by D^2 (a linear scan: k scans of n, the same order as one Lloyd iteration).
    let u = rng.next() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= closest[i]!;
      if (u < 0) {
        pick = i;
        break;
      }
    }
  }
  return centroids;
}

export interface KMeansOptions {
  k: number;
  maxIterations: number;
  /** Relative decrease of the mean squared distance below which the iterations stop. */
  tolerance: number;
  seed: number;
  onIteration?: (iteration: number, inertia: number, moved: number) => void;
}

export function kmeans(data: Float32Array, n: number, dim: number, options: KMeansOptions): KMeansResult {
  const {k, maxIterations} = options;
  const rng = new Rng(options.seed);
  const centroids = kmeansPlusPlus(data, n, dim, k, rng);
  const assignments = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const sums = new Float64Array(k * dim);
  const counts = new Int32Array(k);
  const move = new Float64Array(k);
  const half = new Float64Array(k);
  const previous = new Float32Array(k * dim);

  // Full first assignment: nearest and second-nearest distances.
  const assignFull = (i: number) => {
    let b1 = Infinity;
    let b2 = Infinity;
    let arg = 0;
    for (let c = 0; c < k; c++) {
      const v = dist2(data, i, centroids, c, dim);
      if (v < b1) {
        b2 = b1;
        b1 = v;
        arg = c;
      } else if (v < b2) b2 = v;
    }
    assignments[i] = arg;
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
  };
  for (let i = 0; i < n; i++) assignFull(i);

  const inertia: number[] = [];
  let converged = false;
  let iteration = 0;
  while (iteration < maxIterations) {
    iteration++;
    // Update step: centres are means of their points.
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignments[i]!;
      counts[c]!++;
      const row = i * dim;
      const at = c * dim;
      for (let d = 0; d < dim; d++) sums[at + d]! += data[row + d]!;
    }
    // An empty cluster takes the point worst fitted by its (bounded) distance, from a cluster that keeps one.
    for (let c = 0; c < k; c++) {
      if (counts[c] !== 0) continue;
      let worst = -1;
      let far = -1;
      for (let i = 0; i < n; i++) {
        if (counts[assignments[i]!]! > 1 && upper[i]! > far) {
          far = upper[i]!;
          worst = i;
        }
      }
      const donor = assignments[worst]!;
      counts[donor]!--;
      counts[c] = 1;
      assignments[worst] = c;
      for (let d = 0; d < dim; d++) {
        const v = data[worst * dim + d]!;
        sums[donor * dim + d]! -= v;
        sums[c * dim + d] = v;
      }
      upper[worst] = 0;
      lower[worst] = 0;
    }
    previous.set(centroids);
    for (let c = 0; c < k; c++) for (let d = 0; d < dim; d++) centroids[c * dim + d] = sums[c * dim + d]! / counts[c]!;
    let maxMove = 0;
    for (let c = 0; c < k; c++) {
      move[c] = Math.sqrt(dist2(centroids, c, previous, c, dim));
      if (move[c]! > maxMove) maxMove = move[c]!;
    }
    // Hamerly's bounds after the centres moved.
    for (let i = 0; i < n; i++) {
      upper[i]! += move[assignments[i]!]!;
      lower[i]! -= maxMove;
    }
    for (let c = 0; c < k; c++) {
      let m = Infinity;
      for (let o = 0; o < k; o++) if (o !== c) m = Math.min(m, dist2(centroids, c, centroids, o, dim));
      half[c] = Math.sqrt(m) / 2;
    }
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const a = assignments[i]!;
      const bound = Math.max(half[a]!, lower[i]!);
      if (upper[i]! <= bound) continue;
      upper[i] = Math.sqrt(dist2(data, i, centroids, a, dim));
      if (upper[i]! <= bound) continue;
      assignFull(i);
      if (assignments[i] !== a) moved++;
    }
    let sse = 0;
    for (let i = 0; i < n; i++) sse += dist2(data, i, centroids, assignments[i]!, dim);
    inertia.push(sse / n);
    options.onIteration?.(iteration, sse / n, moved);
    const before = inertia.length > 1 ? inertia[inertia.length - 2]! : Infinity;
    if (moved === 0 || before - sse / n < options.tolerance * before) {
      converged = true;
      break;
    }
  }
  return {centroids, assignments, iterations: iteration, inertia, converged};
}
