/**
 * k-means: Hamerly's bounds give exactly Lloyd's result; seeded runs repeat; well-separated clusters are
 * found; the partial-distance code search agrees with a full scan.
 */
import {test} from "node:test";
import assert from "node:assert/strict";
import {CodeSearch, kmeans, kmeansPlusPlus, nearest} from "../../training/codebook/index.js";
import {Rng} from "../../training/util/prng.js";

function clustered(n: number, dim: number, centres: number, spread: number, seed: number): {data: Float32Array; truth: Int32Array} {
  const rng = new Rng(seed);
  const c = new Float32Array(centres * dim);
  for (let i = 0; i < c.length; i++) c[i] = rng.normal(0, 3);
  const data = new Float32Array(n * dim);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % centres;
    truth[i] = k;
    for (let d = 0; d < dim; d++) data[i * dim + d] = c[k * dim + d]! + rng.normal(0, spread);
  }
  return {data, truth};
}

/** Plain Lloyd from the same k-means++ start, for reference. */
function lloyd(data: Float32Array, n: number, dim: number, k: number, seed: number, iterations: number): Int32Array {
  const centroids = kmeansPlusPlus(data, n, dim, k, new Rng(seed));
  let assign = nearest(data, n, dim, centroids, k).index;
  for (let it = 0; it < iterations; it++) {
    const sums = new Float64Array(k * dim);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      counts[assign[i]!]!++;
      for (let d = 0; d < dim; d++) sums[assign[i]! * dim + d]! += data[i * dim + d]!;
    }
    for (let c = 0; c < k; c++) for (let d = 0; d < dim; d++) centroids[c * dim + d] = sums[c * dim + d]! / Math.max(1, counts[c]!);
    assign = nearest(data, n, dim, centroids, k).index;
  }
  return assign;
}

test("Hamerly-accelerated k-means gives Lloyd's assignments", () => {
  const {data} = clustered(3000, 16, 12, 2.5, 1);
  const result = kmeans(data, 3000, 16, {k: 20, maxIterations: 15, tolerance: 0, seed: 7});
  const reference = lloyd(data, 3000, 16, 20, 7, result.iterations);
  assert.deepEqual(result.assignments, reference);
  for (let i = 1; i < result.inertia.length; i++) assert.ok(result.inertia[i]! <= result.inertia[i - 1]! + 1e-9, "distortion never rises");
});

test("seeded k-means repeats exactly and recovers separated clusters", () => {
  const {data, truth} = clustered(2000, 24, 8, 0.3, 2);
  const a = kmeans(data, 2000, 24, {k: 8, maxIterations: 50, tolerance: 0, seed: 3});
  const b = kmeans(data, 2000, 24, {k: 8, maxIterations: 50, tolerance: 0, seed: 3});
  assert.deepEqual(a.centroids, b.centroids);
  assert.deepEqual(a.assignments, b.assignments);
  assert.ok(a.converged);
  // k-means++ can still put two seeds in one cluster and merge two others (a local optimum: k-means'
  // nature); the best of a few seeds, by distortion, finds every cluster exactly.
  const runs = [1, 2, 3, 4, 5].map((seed) => kmeans(data, 2000, 24, {k: 8, maxIterations: 50, tolerance: 0, seed}));
  const best = runs.reduce((x, y) => (y.inertia.at(-1)! < x.inertia.at(-1)! ? y : x));
  for (let c = 0; c < 8; c++) {
    const members = [...best.assignments.keys()].filter((i) => best.assignments[i] === c).map((i) => truth[i]!);
    assert.equal(members.length, 250);
    assert.ok(members.every((m) => m === members[0]));
  }
});

test("the partial-distance code search agrees with a full scan, whatever the hint", () => {
  const {data} = clustered(1500, 96, 30, 1.5, 4);
  const {centroids} = kmeans(data, 1500, 96, {k: 40, maxIterations: 5, tolerance: 0, seed: 1});
  const search = new CodeSearch(centroids, 40, 96);
  const reference = nearest(data, 1500, 96, centroids, 40).index;
  for (let i = 0; i < 1500; i++) {
    assert.equal(search.nearest(data, i, 0), reference[i]);
    assert.equal(search.nearest(data, i, (i * 7) % 40), reference[i]);
  }
});
