import {test} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, dirname} from "node:path";
import {fileURLToPath} from "node:url";
import {fitLogistic, PREVALENCE_FLOOR, PROBE_LAMBDAS, trainLinearProbe, type ProbeKind, type ProbeSplit} from "../../training/eval/linear-probe.js";
import {minimizeLbfgs} from "../../training/eval/lbfgs.js";
import {symmetricEigen} from "../../training/eval/symmetric-eigen.js";
import {Rng} from "../../training/util/prng.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Features where class evidence sits in the first two dims (plus noise dims), at a large, uneven scale. */
function makeSplit(n: number, seed: number, kind: ProbeKind): ProbeSplit {
  const rng = new Rng(seed);
  const d = 6;
  const x = new Float32Array(n * d);
  const y = kind === "multilabel" ? new Float32Array(n * 2) : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.next() < 0.5 ? 1 : 0;
    const b = rng.next() < 0.3 ? 1 : 0;
    x[i * d] = 100 * (a + 0.6 * rng.normal());
    x[i * d + 1] = 0.01 * (b + 0.6 * rng.normal());
    for (let j = 2; j < d; j++) x[i * d + j] = rng.normal() * 5;
    if (kind === "multilabel") {
      y[i * 2] = a;
      y[i * 2 + 1] = b;
    } else y[i] = a + 2 * b > 1 ? 2 : a; // classes 0, 1, 2
  }
  return {x, y, n};
}

/** An independent, naive gradient of the documented objective (weights row-major d x k, then biases). */
function naiveGradient(x: ArrayLike<number>, y: ArrayLike<number>, kind: ProbeKind, k: number, d: number, lambda: number, w: Float64Array, b: Float64Array): {objective: number; grad: Float64Array} {
  const n = x.length / d;
  const grad = new Float64Array(d * k + k);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const z = Array.from({length: k}, (_, c) => {
      let s = b[c];
      for (let j = 0; j < d; j++) s += x[i * d + j] * w[j * k + c];
      return s;
    });
    let r: number[];
    if (kind === "multilabel") {
      r = z.map((zc, c) => {
        const t = y[i * k + c];
        loss += (Math.log1p(Math.exp(-Math.abs(zc))) + Math.max(zc, 0) - t * zc) / (n * k);
        return (1 / (1 + Math.exp(-zc)) - t) / (n * k);
      });
    } else {
      const m = Math.max(...z);
      const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
      loss += (lse - z[y[i]]) / n;
      r = z.map((zc, c) => (Math.exp(zc - lse) - (c === y[i] ? 1 : 0)) / n);
    }
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) grad[j * k + c] += r[c] * x[i * d + j];
      grad[d * k + c] += r[c];
    }
  }
  let penalty = 0;
  for (let p = 0; p < d * k; p++) {
    grad[p] += lambda * w[p];
    penalty += w[p] * w[p];
  }
  return {objective: loss + (lambda / 2) * penalty, grad};
}

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, u) => s + u * u, 0));

test("the lambda grid runs from strong to weak regularisation, 1e1 to 1e-4 in half decades", () => {
  assert.equal(PROBE_LAMBDAS.length, 11);
  assert.ok(Math.abs(PROBE_LAMBDAS[0] - 10) < 1e-12 && Math.abs(PROBE_LAMBDAS[10] - 1e-4) < 1e-18);
  for (let l = 1; l < PROBE_LAMBDAS.length; l++) assert.ok(Math.abs(PROBE_LAMBDAS[l - 1] / PROBE_LAMBDAS[l] - Math.sqrt(10)) < 1e-9);
});

test("building blocks: the eigendecomposition reconstructs its matrix, L-BFGS finds the Rosenbrock minimum", () => {
  const rng = new Rng(11);
  const d = 7;
  const b = Array.from({length: 20 * d}, () => rng.normal());
  const a = new Float64Array(d * d);
  for (let r = 0; r < 20; r++) for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) a[p * d + q] += b[r * d + p] * b[r * d + q];
  const {values, vectors} = symmetricEigen(a, d);
  for (let p = 0; p < d; p++) {
    for (let q = 0; q < d; q++) {
      let rebuilt = 0, gram = 0;
      for (let j = 0; j < d; j++) {
        rebuilt += vectors[p * d + j] * values[j] * vectors[q * d + j];
        gram += vectors[j * d + p] * vectors[j * d + q];
      }
      assert.ok(Math.abs(rebuilt - a[p * d + q]) < 1e-11, "V diag(s) V^T = A");
      assert.ok(Math.abs(gram - (p === q ? 1 : 0)) < 1e-12, "V^T V = I");
    }
  }
  for (let j = 1; j < d; j++) assert.ok(values[j] >= values[j - 1], "ascending");

  const rosenbrock = (x: Float64Array, g: Float64Array) => {
    g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2);
    g[1] = 200 * (x[1] - x[0] ** 2);
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
  };
  const r = minimizeLbfgs(rosenbrock, [-1.2, 1], {tolerance: 1e-10, maxIterations: 500});
  assert.ok(r.converged, r.stop);
  assert.ok(Math.abs(r.x[0] - 1) < 1e-8 && Math.abs(r.x[1] - 1) < 1e-8, `${r.x}`);
});

test("separable data: test AUROC 1, a low loss far below the constant predictor, nothing NaN", () => {
  const split = (n: number, seed: number): ProbeSplit => {
    const rng = new Rng(seed);
    const d = 3;
    const x = new Float32Array(n * d);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = rng.next() < 0.4 ? 1 : 0;
      x[i * d] = (y[i] ? 1 : -1) * (0.5 + rng.next()); // margin 0.5 on either side
      x[i * d + 1] = rng.normal();
      x[i * d + 2] = 7; // constant
    }
    return {x, y, n};
  };
  const r = trainLinearProbe(split(300, 1), split(200, 2), split(400, 3), {kind: "multilabel", classes: 1, dims: 3, scores: true});
  assert.equal(r.testAuroc, 1);
  assert.ok(r.testLoss < 0.05, `loss ${r.testLoss}`);
  assert.ok(r.testLoss < r.constantLoss / 10, `loss ${r.testLoss} vs constant ${r.constantLoss}`);
  assert.ok(r.testScores!.every(Number.isFinite));
  for (const v of [r.testLoss, r.valLoss, r.testLossSe, r.constantLoss, r.lossVsConstantSe, r.gradNorm]) assert.ok(Number.isFinite(v));
  assert.equal(r.lambda, PROBE_LAMBDAS[PROBE_LAMBDAS.length - 1], "the weakest penalty validates best on separable data");

  // Almost no penalty: the minimiser runs off towards infinity; the solver must stop at its cap with finite numbers.
  // (Converged here means the gradient, which shrinks with the loss, fell below the tolerance.)
  const s = split(300, 1);
  for (const maxIterations of [5, 1000]) {
    const fit = fitLogistic(s.x, s.y, {kind: "multilabel", classes: 1, dims: 3, lambda: 1e-12, maxIterations});
    assert.ok(fit.iterations <= maxIterations);
    if (maxIterations === 5) assert.equal(fit.converged, false, "stopped at the cap");
    assert.ok([...fit.weights, ...fit.bias, fit.loss, fit.objective, fit.gradNorm].every(Number.isFinite), "finite");
    if (maxIterations === 1000) assert.ok(fit.loss < 1e-4, `loss ${fit.loss}`);
  }
  const multiclass = fitLogistic(s.x, Int32Array.from(s.y), {kind: "multiclass", classes: 2, dims: 3, lambda: 1e-12, maxIterations: 200});
  assert.ok([...multiclass.weights, ...multiclass.bias, multiclass.loss].every(Number.isFinite), "finite (multiclass)");
});

test("pure-noise features: a strong penalty is chosen and the probe matches the constant predictor", () => {
  const noise = (n: number, seed: number): ProbeSplit => {
    const rng = new Rng(seed);
    return {x: Float32Array.from({length: n * 20}, () => rng.normal()), y: Float32Array.from({length: n}, () => (rng.next() < 0.3 ? 1 : 0)), n};
  };
  const [train, val, test_] = [noise(600, 7), noise(400, 8), noise(1000, 9)];
  const r = trainLinearProbe(train, val, test_, {kind: "multilabel", classes: 1, dims: 20});
  assert.ok(r.lambda >= 0.1, `lambda ${r.lambda}`);
  // Known answer for the constant predictor: the training prevalence scored on the test labels.
  const pi = Array.from(train.y).reduce((a, b) => a + b, 0) / train.n;
  const positives = Array.from(test_.y).reduce((a, b) => a + b, 0);
  const expected = -(positives * Math.log(pi) + (test_.n - positives) * Math.log(1 - pi)) / test_.n;
  assert.ok(Math.abs(r.constantLoss - expected) < 1e-12, `${r.constantLoss} vs ${expected}`);
  assert.ok(Math.abs(r.testLoss - r.constantLoss) <= 3 * r.lossVsConstantSe + 1e-9, `probe ${r.testLoss} vs constant ${r.constantLoss} (paired SE ${r.lossVsConstantSe})`);
  assert.ok(Math.abs(r.testLoss - r.constantLoss) < 3 * r.constantLossSe, "within a few SE");
  assert.ok(Math.abs(r.testAuroc! - 0.5) < 0.06, `AUROC ${r.testAuroc}`);
  assert.ok(r.converged);
});

test("matches scipy's L-BFGS-B on the same objective (multilabel k=3, multiclass k=4)", (t) => {
  const probe = spawnSync("python3", ["-c", "import numpy, scipy"], {encoding: "utf8"});
  if (probe.status !== 0) {
    t.skip(`python3 with numpy and scipy is not available (${probe.error?.message ?? probe.stderr.trim()}); install python3-scipy to run this reference test`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "linear-probe-"));
  try {
    const cases: {kind: ProbeKind; classes: number; dims: number; n: number; lambda: number}[] = [
      {kind: "multilabel", classes: 3, dims: 5, n: 160, lambda: 0.02},
      {kind: "multiclass", classes: 4, dims: 6, n: 200, lambda: 0.01}
    ];
    for (const c of cases) {
      const rng = new Rng(c.classes * 100 + c.dims);
      const {n, dims: d, classes: k} = c;
      // Uneven scales and offsets, labels from a noisy linear rule (not separable). No constant column here:
      // its weight trades off against the bias with curvature lambda alone, which L-BFGS-B (stopping on
      // rounding in f) leaves about 1e-5 short; the probe tests cover constant features.
      const x = new Float64Array(n * d);
      const y: number[] = [];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) x[i * d + j] = 3 + (j + 1) * rng.normal();
        const u = Array.from({length: k}, (_, q) => 0.6 * x[i * d + ((q + 2) % d)] / ((((q + 2) % d) + 1) || 1) + rng.normal());
        if (c.kind === "multilabel") u.forEach((v) => y.push(v > 0.5 ? 1 : 0));
        else y.push(u.indexOf(Math.max(...u)));
      }
      const problemPath = join(dir, `${c.kind}.json`);
      const answerPath = join(dir, `${c.kind}.answer.json`);
      writeFileSync(problemPath, JSON.stringify({kind: c.kind, classes: k, dims: d, lambda: c.lambda, x: [...x], y}));
      const run = spawnSync("python3", [join(HERE, "linear-probe-scipy.py"), problemPath, answerPath], {encoding: "utf8"});
      assert.equal(run.status, 0, run.stderr);
      const ref = JSON.parse(readFileSync(answerPath, "utf8")) as {weights: number[]; bias: number[]; objective: number; loss: number; gradNorm: number; message: string};
      assert.ok(ref.gradNorm < 1e-7, `scipy reached gradient ${ref.gradNorm} (${ref.message})`);

      const fit = fitLogistic(x, y, {kind: c.kind, classes: k, dims: d, lambda: c.lambda, tolerance: 1e-10});
      const scale = Math.max(...ref.weights.map(Math.abs), ...ref.bias.map(Math.abs));
      const maxDiff = Math.max(...ref.weights.map((w, p) => Math.abs(w - fit.weights[p])), ...ref.bias.map((b, p) => Math.abs(b - fit.bias[p])));
      assert.ok(maxDiff <= 1e-6 * scale, `${c.kind}: max parameter difference ${maxDiff} (scale ${scale})`);
      assert.ok(Math.abs(fit.objective - ref.objective) <= 1e-9 * ref.objective, `${c.kind}: objective ${fit.objective} vs ${ref.objective}`);
      assert.ok(Math.abs(fit.loss - ref.loss) <= 1e-7 * ref.loss, `${c.kind}: loss ${fit.loss} vs ${ref.loss}`);
      console.log(`# scipy reference ${c.kind}: max parameter difference ${maxDiff.toExponential(2)}, objective ${fit.objective.toFixed(12)} vs ${ref.objective.toFixed(12)}, ${fit.iterations} iterations`);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test("converges: the gradient at the returned solution is below tolerance (checked independently)", () => {
  for (const kind of ["multilabel", "multiclass"] as const) {
    const s = makeSplit(500, kind === "multilabel" ? 21 : 22, kind);
    const k = kind === "multilabel" ? 2 : 3;
    const lambda = 1e-3;
    const fit = fitLogistic(s.x, s.y, {kind, classes: k, dims: 6, lambda});
    assert.ok(fit.converged, `${kind} converged`);
    const {objective, grad} = naiveGradient(s.x, s.y, kind, k, 6, lambda, fit.weights, fit.bias);
    assert.ok(Math.abs(objective - fit.objective) < 1e-10, `${kind}: objective ${objective} vs ${fit.objective}`);
    assert.ok(norm(grad) <= 1e-6 * Math.max(1, objective), `${kind}: gradient ${norm(grad)}`);
    assert.ok(Math.abs(norm(grad) - fit.gradNorm) < 1e-9, `${kind}: reported gradient ${fit.gradNorm} vs ${norm(grad)}`);
  }
  // The probe itself (standardised features, the whole grid) reports convergence on ordinary data.
  const r = trainLinearProbe(makeSplit(600, 1, "multilabel"), makeSplit(200, 2, "multilabel"), makeSplit(400, 3, "multilabel"), {kind: "multilabel", classes: 2, dims: 6});
  assert.ok(r.converged && r.path.every((p) => p.converged), "every lambda converged");
  assert.ok(r.testAuroc! > 0.8, `AUROC ${r.testAuroc}`);
  assert.ok(r.testLoss < r.constantLoss - 3 * r.lossVsConstantSe, `loss ${r.testLoss} beats the constant ${r.constantLoss}`);
  assert.equal(r.epochs, r.iterations);
});

test("multiclass: probabilities sum to 1, a class absent from training leaves everything finite", () => {
  const k = 4;
  const withClass3 = (s: ProbeSplit, every: number): ProbeSplit => ({...s, y: Int32Array.from(s.y, (c, i) => (every > 0 && i % every === 0 ? 3 : c))});
  const train = makeSplit(600, 4, "multiclass"); // classes 0..2 only: class 3 never seen in training
  const val = withClass3(makeSplit(200, 5, "multiclass"), 10);
  const test_ = withClass3(makeSplit(400, 6, "multiclass"), 10);
  const r = trainLinearProbe(train, val, test_, {kind: "multiclass", classes: k, dims: 6, scores: true});
  for (let i = 0; i < test_.n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += r.testScores![i * k + c];
    assert.ok(Math.abs(sum - 1) < 1e-12, `row ${i} sums to ${sum}`);
  }
  assert.ok(Number.isFinite(r.testLoss) && Number.isFinite(r.constantLoss) && Number.isFinite(r.lossVsConstantSe));
  // Known answer: training frequencies, the absent class floored at PREVALENCE_FLOOR, renormalised.
  const counts = [0, 0, 0, 0];
  for (const c of train.y) counts[c]++;
  const freq = counts.map((m) => Math.max(m / train.n, PREVALENCE_FLOOR));
  const total = freq.reduce((a, b) => a + b, 0);
  const expected = -Array.from(test_.y).reduce((s, c) => s + Math.log(freq[c] / total), 0) / test_.n;
  assert.ok(Math.abs(r.constantLoss - expected) < 1e-9, `${r.constantLoss} vs ${expected}`);
  // The never-seen class gets a tiny but positive probability from the probe too (its bias stops once its gradient is below tolerance).
  for (let i = 0; i < test_.n; i++) assert.ok(r.testScores![i * k + 3] > 0 && r.testScores![i * k + 3] < 1e-4);
  // Classes 0-2 separate well; AUROC over the 4 classes (class 3 is at chance at best).
  assert.ok(r.testAuroc! > 0.6, `AUROC ${r.testAuroc}`);

  const ordinary = trainLinearProbe(makeSplit(600, 4, "multiclass"), makeSplit(200, 5, "multiclass"), makeSplit(400, 6, "multiclass"), {kind: "multiclass", classes: 3, dims: 6});
  assert.ok(ordinary.converged && ordinary.testAuroc! > 0.75 && ordinary.testLoss < Math.log(3));
});

test("constant features change nothing, and two calls give identical results", () => {
  const addConstant = (s: ProbeSplit): ProbeSplit => {
    const x = new Float32Array(s.n * 7);
    for (let i = 0; i < s.n; i++) {
      x.set(s.x.subarray(i * 6, (i + 1) * 6), i * 7);
      x[i * 7 + 6] = 42;
    }
    return {...s, x};
  };
  const splits = [makeSplit(600, 1, "multilabel"), makeSplit(200, 2, "multilabel"), makeSplit(400, 3, "multilabel")] as const;
  const a = trainLinearProbe(...splits, {kind: "multilabel", classes: 2, dims: 6, scores: true});
  const b = trainLinearProbe(...splits, {kind: "multilabel", classes: 2, dims: 6, scores: true});
  assert.deepEqual(a, b);
  const c = trainLinearProbe(addConstant(splits[0]), addConstant(splits[1]), addConstant(splits[2]), {kind: "multilabel", classes: 2, dims: 7});
  assert.equal(c.lambda, a.lambda);
  assert.ok(Math.abs(c.testLoss - a.testLoss) < 1e-8, `${c.testLoss} vs ${a.testLoss}`);

  const args = [makeSplit(600, 4, "multiclass"), makeSplit(200, 5, "multiclass"), makeSplit(400, 6, "multiclass"), {kind: "multiclass", classes: 3, dims: 6, scores: true}] as const;
  assert.deepEqual(trainLinearProbe(...args), trainLinearProbe(...args));
});

test("timing: one probe over the whole grid at n=1000, d=256, k=9 (logged, not asserted)", () => {
  const n = 1000, d = 256, k = 9, latent = 16;
  const rng = new Rng(5);
  const mix = Float64Array.from({length: latent * d}, () => rng.normal());
  const split = (m: number, kind: ProbeKind): ProbeSplit => {
    const x = new Float32Array(m * d);
    const y = kind === "multilabel" ? new Float32Array(m * k) : new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const h = Float64Array.from({length: latent}, () => rng.normal());
      for (let j = 0; j < d; j++) {
        let s = 0.3 * rng.normal();
        for (let l = 0; l < latent; l++) s += h[l] * mix[l * d + j];
        x[i * d + j] = s;
      }
      if (kind === "multilabel") for (let c = 0; c < k; c++) y[i * k + c] = h[c] + 0.8 * rng.normal() > 0.8 ? 1 : 0;
      else {
        const u = Array.from({length: k}, (_, c) => 1.5 * h[c] + rng.normal());
        y[i] = u.indexOf(Math.max(...u));
      }
    }
    return {x, y, n: m};
  };
  for (const kind of ["multilabel", "multiclass"] as const) {
    const [train, val, test_] = [split(n, kind), split(300, kind), split(300, kind)];
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const r = trainLinearProbe(train, val, test_, {kind, classes: k, dims: d});
    const ms = performance.now() - wall;
    const cpuMs = process.cpuUsage(cpu).user / 1000;
    console.log(`# linear probe ${kind} n=${n} d=${d} k=${k}, ${PROBE_LAMBDAS.length} lambdas: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU; ` + `iterations per lambda ${r.path.map((p) => p.iterations).join(" ")}; lambda ${r.lambda.toExponential(1)}, test loss ${r.testLoss.toFixed(4)} vs constant ${r.constantLoss.toFixed(4)}, AUROC ${r.testAuroc?.toFixed(3)}`);
    assert.ok(r.path.every((p) => p.converged) && Number.isFinite(r.testLoss));
  }
});
