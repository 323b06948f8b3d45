/**
 * L2-regularised logistic regression on fixed features, solved to convergence in float64 plain JS
 * (no tfjs): the linear probe's model (training/eval/linear-probe.ts).
 *
 *   multilabel (k labels): independent sigmoid / binary cross-entropy per label,
 *       loss = mean over records and labels of BCE(sigmoid(x.W_c + b_c), y_ic)
 *   multiclass (k classes): softmax cross-entropy, loss = mean over records of -log softmax(x.W + b)_{y_i}
 *
 *   objective = loss + (lambda / 2) * ||W||_F^2        (the bias b is not penalised)
 *
 * Note the multilabel normalisation: the loss is a mean over labels too, so each label's own problem
 * is (mean BCE over records) / k + (lambda / 2) ||W_c||^2, i.e. a per-label mean BCE with penalty
 * k * lambda. The labels separate exactly, so they are solved one at a time (each a binary problem);
 * the concatenation is the joint minimiser.
 *
 * How it is solved: the features are centred (the bias absorbs the mean: b = b' - mean . W) and
 * rotated onto the principal axes of their covariance (X^T X / n = V diag(s) V^T). In the rotated
 * coordinates W' = V^T W the penalty is unchanged (V is orthogonal) and the Hessian is roughly
 * diagonal, a * s_j + lambda with a the mean of p (1 - p) at the start of each fit, so L-BFGS
 * (training/eval/lbfgs.ts) preconditioned with that diagonal converges in tens of iterations however
 * correlated or badly scaled the features are. (For softmax, a is one value shared by all classes:
 * see softmaxPreconditioner.) Convergence: ||gradient||_2 <= tolerance * max(1, objective), the gradient taken in the original
 * coordinates (weights and bias); per label for multilabel, with tolerance / sqrt(k) so that the whole
 * gradient meets the tolerance.
 *
 * Degenerate inputs: constant (zero-variance) feature directions have s_j = 0; their weights stay 0
 * (their gradient is lambda * W'_j). A label or class absent from the training data has no finite
 * optimal bias; the solver drives that bias down until its gradient (the mean predicted probability)
 * falls below the tolerance, i.e. to a probability of the order of 1e-6 with the default tolerance. Perfectly
 * separable data has a finite minimiser for every lambda > 0; with a tiny lambda the solver may hit
 * its iteration cap, and then stops with converged = false and finite weights.
 */
import {minimizeLbfgs, dot} from "./lbfgs.js";
import {symmetricEigen} from "./symmetric-eigen.js";

export type ProbeKind = "multilabel" | "multiclass";

export interface LogisticProblem {
  kind: ProbeKind;
  /** k: labels (multilabel) or classes (multiclass). */
  classes: number;
  /** d: features per record. */
  dims: number;
}

export interface SolverOptions {
  /** Gradient tolerance: ||grad||_2 <= tolerance * max(1, objective). Default 1e-6. */
  tolerance?: number;
  /** L-BFGS iteration cap per lambda (per label for multilabel). Default 1000. */
  maxIterations?: number;
}

export interface LogisticOptions extends LogisticProblem, SolverOptions {
  lambda: number;
}

export interface LogisticFit {
  /** Row-major (dims x classes): weights[j * classes + c]. */
  weights: Float64Array;
  /** One per label/class. Multiclass biases are centred to sum to 0 (softmax is invariant to a shared shift). */
  bias: Float64Array;
  lambda: number;
  /** Training objective: loss + (lambda / 2) ||W||^2. */
  objective: number;
  /** Training mean loss. */
  loss: number;
  /** ||gradient of the objective||_2 at the solution, in the original coordinates (weights and bias). */
  gradNorm: number;
  /** L-BFGS iterations for this lambda (multilabel: the most any label needed). */
  iterations: number;
  /** The gradient criterion was met (multilabel: by every label). */
  converged: boolean;
}

/** Default solver settings, recorded with the probe's method. */
export const LOGISTIC_TOLERANCE = 1e-6;
export const LOGISTIC_MAX_ITERATIONS = 1000;
/**
 * Floor for prevalences and class frequencies used as starting biases and as the constant predictor
 * (multilabel: clipped to [floor, 1 - floor]; multiclass: max(frequency, floor), renormalised), so a
 * label or class absent from the training split still gets a finite log-probability.
 */
export const PREVALENCE_FLOOR = 1e-6;

/** Fits at one lambda. `x` is row-major (n x dims); `y` as in ProbeSplit (n x k 0/1 targets, or n class ids). */
export function fitLogistic(x: ArrayLike<number>, y: ArrayLike<number>, options: LogisticOptions): LogisticFit {
  return fitLogisticPath(x, y, {...options, lambdas: [options.lambda]})[0];
}

/**
 * Fits at each lambda in the order given, each warm-started from the previous solution (give them
 * from strong to weak regularisation). The features are decomposed once for the whole path.
 */
export function fitLogisticPath(x: ArrayLike<number>, y: ArrayLike<number>, options: LogisticProblem & SolverOptions & {lambdas: readonly number[]}): LogisticFit[] {
  const {kind, classes: k, dims: d, lambdas, tolerance = LOGISTIC_TOLERANCE, maxIterations = LOGISTIC_MAX_ITERATIONS} = options;
  const n = checkProblem(x, y, options);
  if (n === 0) throw new Error("logistic: no records");
  for (const lambda of lambdas) if (!(lambda >= 0 && Number.isFinite(lambda))) throw new Error(`logistic: lambda ${lambda} must be finite and >= 0`);
  const basis = principalBasis(x, n, d);
  // Per lambda: rotated parameters, the objective's gradient there, objective, iterations, convergence.
  const fits = lambdas.map(() => ({w: new Float64Array(k * d), b: new Float64Array(k), gw: new Float64Array(k * d), gb: new Float64Array(k), objective: 0, iterations: 0, converged: true}));

  if (kind === "multilabel") {
    const t = new Float64Array(n);
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) t[i] = y[i * k + c];
      const params = new Float64Array(d + 1);
      params[d] = logit(clippedMean(t));
      lambdas.forEach((lambda, l) => {
        const objective = binaryObjective(basis, t, 1 / k, lambda);
        const r = minimizeLbfgs(objective, params, {tolerance: tolerance / Math.sqrt(k), maxIterations, preconditioner: binaryPreconditioner(basis, params, 1 / k, lambda), gradientNorm: originalNorm(basis, 1)});
        params.set(r.x);
        const fit = fits[l];
        fit.w.set(r.x.subarray(0, d), c * d);
        fit.b[c] = r.x[d];
        fit.gw.set(r.g.subarray(0, d), c * d);
        fit.gb[c] = r.g[d];
        fit.objective += r.f;
        fit.iterations = Math.max(fit.iterations, r.iterations);
        fit.converged &&= r.converged;
      });
    }
  } else {
    const labels = Int32Array.from({length: n}, (_, i) => y[i]);
    const params = new Float64Array(k * d + k);
    const prior = classFrequencies(labels, k);
    for (let c = 0; c < k; c++) params[k * d + c] = Math.log(prior[c]);
    centre(params.subarray(k * d));
    lambdas.forEach((lambda, l) => {
      const objective = softmaxObjective(basis, labels, k, lambda);
      const r = minimizeLbfgs(objective, params, {tolerance, maxIterations, preconditioner: softmaxPreconditioner(basis, k, params, lambda), gradientNorm: originalNorm(basis, k)});
      params.set(r.x);
      const fit = fits[l];
      fit.w.set(r.x.subarray(0, k * d));
      fit.b.set(r.x.subarray(k * d));
      fit.gw.set(r.g.subarray(0, k * d));
      fit.gb.set(r.g.subarray(k * d));
      fit.objective = r.f;
      fit.iterations = r.iterations;
      fit.converged = r.converged;
    });
  }

  return lambdas.map((lambda, l) => {
    const fit = fits[l];
    const {weights, bias} = toOriginal(basis, fit.w, fit.b, k);
    if (kind === "multiclass") centre(bias);
    // The gradient in the original coordinates: dW = V dW' + mean dB', dB = dB' (W = V W', b = b' - mean . W).
    const {weights: gradW} = toOriginal(basis, fit.gw, fit.gb, k);
    let gradSq = dot(fit.gb, fit.gb);
    for (let j = 0; j < d; j++) for (let c = 0; c < k; c++) gradSq += (gradW[j * k + c] + basis.mean[j] * fit.gb[c]) ** 2;
    const penalty = (lambda / 2) * dot(fit.w, fit.w);
    return {weights, bias, lambda, objective: fit.objective, loss: fit.objective - penalty, gradNorm: Math.sqrt(gradSq), iterations: fit.iterations, converged: fit.converged};
  });
}

/**
 * The objective in the original coordinates (a direct, unrotated evaluation), writing its gradient
 * (weights row-major d x k, then the k biases) into `grad` when given.
 */
export function logisticObjective(x: ArrayLike<number>, y: ArrayLike<number>, options: LogisticOptions, weights: Float64Array, bias: Float64Array, grad?: Float64Array): {objective: number; loss: number} {
  const {kind, classes: k, dims: d, lambda} = options;
  const n = checkProblem(x, y, options);
  const z = new Float64Array(k);
  if (grad) grad.fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    linear(x, i, d, k, weights, bias, z);
    if (kind === "multilabel") {
      for (let c = 0; c < k; c++) {
        const t = y[i * k + c];
        loss += softplus(z[c]) - t * z[c];
        z[c] = sigmoid(z[c]) - t;
      }
    } else {
      const target = y[i];
      const lse = logSumExp(z);
      loss += lse - z[target];
      for (let c = 0; c < k; c++) z[c] = Math.exp(z[c] - lse) - (c === target ? 1 : 0);
    }
    if (grad) {
      for (let j = 0; j < d; j++) {
        const xij = x[i * d + j];
        for (let c = 0; c < k; c++) grad[j * k + c] += z[c] * xij;
      }
      for (let c = 0; c < k; c++) grad[d * k + c] += z[c];
    }
  }
  const scale = kind === "multilabel" ? 1 / (n * k) : 1 / n;
  loss *= scale;
  let penalty = 0;
  for (let p = 0; p < d * k; p++) penalty += weights[p] * weights[p];
  if (grad) {
    for (let p = 0; p < grad.length; p++) grad[p] *= scale;
    for (let p = 0; p < d * k; p++) grad[p] += lambda * weights[p];
  }
  return {objective: loss + (lambda / 2) * penalty, loss};
}

export interface Scored {
  /** Mean loss over records (and labels, for multilabel). */
  loss: number;
  /** Each record's loss (multilabel: the mean over its labels), so loss = mean(perRecord). */
  perRecord: Float64Array;
  /** Row-major (n x k): logits (multilabel) or softmax probabilities (multiclass). */
  scores: Float64Array;
}

/** Scores a fitted model on a split. */
export function scoreLogistic(x: ArrayLike<number>, y: ArrayLike<number>, problem: LogisticProblem, weights: Float64Array, bias: Float64Array): Scored {
  const {kind, classes: k, dims: d} = problem;
  const n = checkProblem(x, y, problem);
  const z = new Float64Array(k);
  const perRecord = new Float64Array(n);
  const scores = new Float64Array(n * k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    linear(x, i, d, k, weights, bias, z);
    let loss = 0;
    if (kind === "multilabel") {
      for (let c = 0; c < k; c++) {
        loss += softplus(z[c]) - y[i * k + c] * z[c];
        scores[i * k + c] = z[c];
      }
      loss /= k;
    } else {
      const lse = logSumExp(z);
      loss = lse - z[y[i]];
      for (let c = 0; c < k; c++) scores[i * k + c] = Math.exp(z[c] - lse);
    }
    perRecord[i] = loss;
    total += loss;
  }
  return {loss: total / n, perRecord, scores};
}

/**
 * The constant predictor's biases (zero weights) from a training split: logit of each label's
 * prevalence clipped to [PREVALENCE_FLOOR, 1 - PREVALENCE_FLOOR], or the log of each class's
 * frequency floored at PREVALENCE_FLOOR and renormalised (centred to sum to 0).
 */
export function constantBias(y: ArrayLike<number>, n: number, problem: Pick<LogisticProblem, "kind" | "classes">): Float64Array {
  const k = problem.classes;
  const bias = new Float64Array(k);
  if (problem.kind === "multilabel") {
    const t = new Float64Array(n);
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) t[i] = y[i * k + c];
      bias[c] = logit(clippedMean(t));
    }
  } else {
    const freq = classFrequencies(Int32Array.from({length: n}, (_, i) => y[i]), k);
    for (let c = 0; c < k; c++) bias[c] = Math.log(freq[c]);
    centre(bias);
  }
  return bias;
}

// ---- internals --------------------------------------------------------------------------------

interface Basis {
  n: number;
  d: number;
  /** Column means of x. */
  mean: Float64Array;
  /** Eigenvectors (row-major d x d, vectors as columns). */
  v: Float64Array;
  /** Eigenvalues of the covariance X_c^T X_c / n (clamped at 0). */
  s: Float64Array;
  /** Rotated centred features (row-major n x d): z = (x - mean) V. */
  z: Float64Array;
  /** Its transpose (d x n), so that gradients are row-by-row dot products too. */
  zt: Float64Array;
}

function principalBasis(x: ArrayLike<number>, n: number, d: number): Basis {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const xc = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xc[i * d + j] = x[i * d + j] - mean[j];
  const xct = transpose(xc, n, d);
  const cov = new Float64Array(d * d);
  timesTranspose(xct, d, n, xct, d, null, cov);
  for (let p = 0; p < d * d; p++) cov[p] /= n;
  const {values, vectors} = symmetricEigen(cov, d);
  const s = values.map((v) => Math.max(v, 0));
  // z = xc V, as rows of xc against the columns of V (the rows of V^T).
  const vt = new Float64Array(d * d);
  for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) vt[q * d + p] = vectors[p * d + q];
  const z = new Float64Array(n * d);
  timesTranspose(xc, n, d, vt, d, null, z);
  return {n, d, mean, v: vectors, s, z, zt: transpose(z, n, d)};
}

/**
 * ||gradient||_2 in the original coordinates from the gradient in the rotated, centred ones
 * (k x d weights, then k biases): dW_c = V dW'_c + mean dB_c and dB = dB', so
 * ||dW_c||^2 = ||dW'_c||^2 + 2 dB_c (V^T mean) . dW'_c + dB_c^2 ||mean||^2.
 */
function originalNorm(basis: Basis, k: number): (g: Float64Array) => number {
  const {d, v, mean} = basis;
  const rotatedMean = new Float64Array(d);
  for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) rotatedMean[q] += v[p * d + q] * mean[p];
  const meanSq = dot(mean, mean);
  return (g) => {
    let sq = 0;
    for (let c = 0; c < k; c++) {
      const gb = g[k * d + c];
      let cross = 0;
      for (let j = 0; j < d; j++) {
        const gw = g[c * d + j];
        sq += gw * gw;
        cross += gw * rotatedMean[j];
      }
      sq += 2 * gb * cross + gb * gb * (1 + meanSq);
    }
    return Math.sqrt(Math.max(sq, 0));
  };
}

/** Rotated, centred parameters (class-major k x d, and biases) to original ones (row-major d x k). */
function toOriginal(basis: Basis, wRot: Float64Array, bRot: Float64Array, k: number): {weights: Float64Array; bias: Float64Array} {
  const {d, v, mean} = basis;
  const weights = new Float64Array(d * k);
  const bias = Float64Array.from(bRot);
  for (let c = 0; c < k; c++) {
    const wc = wRot.subarray(c * d, (c + 1) * d);
    for (let j = 0; j < d; j++) {
      let sum = 0;
      const row = j * d;
      for (let q = 0; q < d; q++) sum += v[row + q] * wc[q];
      weights[j * k + c] = sum;
      bias[c] -= mean[j] * sum;
    }
  }
  return {weights, bias};
}

/** One label's objective on rotated features: params = [w (d), b]; loss scaled by `scale` (1/k). */
function binaryObjective(basis: Basis, t: Float64Array, scale: number, lambda: number) {
  const {n, d, z, zt} = basis;
  const factor = scale / n;
  const u = new Float64Array(n);
  const r = new Float64Array(n);
  const b = new Float64Array(1);
  return (params: Float64Array, grad: Float64Array): number => {
    b[0] = params[d];
    timesTranspose(z, n, d, params, 1, b, u);
    let loss = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      // softplus(u) - t u and sigmoid(u) - t from one exponential.
      const v = u[i];
      const e = Math.exp(-Math.abs(v));
      loss += Math.max(v, 0) + Math.log1p(e) - t[i] * v;
      gb += r[i] = (v >= 0 ? 1 / (1 + e) : e / (1 + e)) - t[i];
    }
    timesTranspose(r, 1, n, zt, d, null, grad);
    let penalty = 0;
    for (let j = 0; j < d; j++) {
      penalty += params[j] * params[j];
      grad[j] = grad[j] * factor + lambda * params[j];
    }
    grad[d] = gb * factor;
    return loss * factor + (lambda / 2) * penalty;
  };
}

/** Diagonal inverse-Hessian estimate at the start point: (scale * a * s_j + lambda)^-1, a = mean p(1 - p) floored at 1e-4. */
function binaryPreconditioner(basis: Basis, params: Float64Array, scale: number, lambda: number): Float64Array {
  const {n, d, z, s} = basis;
  const u = new Float64Array(n);
  timesTranspose(z, n, d, params, 1, params.subarray(d), u);
  let a = 0;
  for (let i = 0; i < n; i++) {
    const p = sigmoid(u[i]);
    a += p * (1 - p);
  }
  a = Math.max(a / n, 1e-4) * scale;
  const m = new Float64Array(d + 1);
  for (let j = 0; j < d; j++) m[j] = 1 / (a * s[j] + lambda || 1);
  m[d] = 1 / a;
  return m;
}

/** Softmax objective on rotated features: params = [W' (class-major k x d), b (k)]. */
function softmaxObjective(basis: Basis, labels: Int32Array, k: number, lambda: number) {
  const {n, d, z, zt} = basis;
  const u = new Float64Array(n * k);
  const rt = new Float64Array(k * n);
  return (params: Float64Array, grad: Float64Array): number => {
    timesTranspose(z, n, d, params, k, params.subarray(k * d), u);
    let loss = 0;
    const gb = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const row = i * k;
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (u[row + c] > max) max = u[row + c];
      let sum = 0;
      const target = labels[i];
      loss += max - u[row + target]; // lse - logit_target = max + log(sum) - logit_target
      for (let c = 0; c < k; c++) sum += u[row + c] = Math.exp(u[row + c] - max);
      loss += Math.log(sum);
      for (let c = 0; c < k; c++) {
        const residual = u[row + c] / sum - (c === target ? 1 : 0);
        rt[c * n + i] = residual;
        gb[c] += residual;
      }
    }
    timesTranspose(rt, k, n, zt, d, null, grad);
    let penalty = 0;
    for (let p = 0; p < k * d; p++) {
      penalty += params[p] * params[p];
      grad[p] = grad[p] / n + lambda * params[p];
    }
    for (let c = 0; c < k; c++) grad[k * d + c] = gb[c] / n;
    return loss / n + (lambda / 2) * penalty;
  };
}

/** As binaryPreconditioner, per class: curvature a_c = mean p_c (1 - p_c). */
function softmaxPreconditioner(basis: Basis, k: number, params: Float64Array, lambda: number): Float64Array {
  const {n, d, z, s} = basis;
  const u = new Float64Array(n * k);
  timesTranspose(z, n, d, params, k, params.subarray(k * d), u);
  const logits = new Float64Array(k);
  const a = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) logits[c] = u[i * k + c];
    const lse = logSumExp(logits);
    for (let c = 0; c < k; c++) {
      const p = Math.exp(logits[c] - lse);
      a[c] += p * (1 - p);
    }
  }
  // One curvature for every class (their mean): a class-dependent diagonal would move the iterates
  // along the softmax's flat directions (the same shift of every class's weights or biases), which
  // only the weak penalty (or nothing, for the biases) pulls back. Starting from sum-zero weights and
  // biases, a class-independent preconditioner keeps every L-BFGS step in the sum-zero subspace.
  let mean = 0;
  for (let c = 0; c < k; c++) mean += a[c] / (n * k);
  const ac = Math.max(mean, 1e-4);
  const m = new Float64Array(k * d + k);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) m[c * d + j] = 1 / (ac * s[j] + lambda || 1);
    m[k * d + c] = 1 / ac;
  }
  return m;
}

// ---- dense kernels (register-tiled loops; these dominate the probe's time) ----------------------

/**
 * out (n x k, row-major) = a (n x d, row-major) times the transpose of b (k x d, row-major), plus
 * bias[c] on column c when given. Tiles of 2 rows x 4 columns.
 */
function timesTranspose(a: Float64Array, n: number, d: number, b: Float64Array, k: number, bias: Float64Array | null, out: Float64Array): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const ra = i * d;
    const rb = ra + d;
    const oa = i * k;
    const ob = oa + k;
    let c = 0;
    for (; c + 3 < k; c += 4) {
      const w0 = c * d, w1 = w0 + d, w2 = w1 + d, w3 = w2 + d;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      for (let j = 0; j < d; j++) {
        const za = a[ra + j], zb = a[rb + j];
        const v0 = b[w0 + j], v1 = b[w1 + j], v2 = b[w2 + j], v3 = b[w3 + j];
        a0 += za * v0;
        a1 += za * v1;
        a2 += za * v2;
        a3 += za * v3;
        b0 += zb * v0;
        b1 += zb * v1;
        b2 += zb * v2;
        b3 += zb * v3;
      }
      out[oa + c] = a0;
      out[oa + c + 1] = a1;
      out[oa + c + 2] = a2;
      out[oa + c + 3] = a3;
      out[ob + c] = b0;
      out[ob + c + 1] = b1;
      out[ob + c + 2] = b2;
      out[ob + c + 3] = b3;
    }
    for (; c < k; c++) {
      const w = c * d;
      let a0 = 0, a1 = 0, b0 = 0, b1 = 0;
      let j = 0;
      for (; j + 1 < d; j += 2) {
        const v0 = b[w + j], v1 = b[w + j + 1];
        a0 += a[ra + j] * v0;
        a1 += a[ra + j + 1] * v1;
        b0 += a[rb + j] * v0;
        b1 += a[rb + j + 1] * v1;
      }
      if (j < d) {
        a0 += a[ra + j] * b[w + j];
        b0 += a[rb + j] * b[w + j];
      }
      out[oa + c] = a0 + a1;
      out[ob + c] = b0 + b1;
    }
  }
  for (; i < n; i++) {
    // The last row on its own: 4 columns at a time (independent accumulators), then one at a time.
    const ra = i * d;
    const oa = i * k;
    let c = 0;
    for (; c + 3 < k; c += 4) {
      const w0 = c * d, w1 = w0 + d, w2 = w1 + d, w3 = w2 + d;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let j = 0; j < d; j++) {
        const za = a[ra + j];
        a0 += za * b[w0 + j];
        a1 += za * b[w1 + j];
        a2 += za * b[w2 + j];
        a3 += za * b[w3 + j];
      }
      out[oa + c] = a0;
      out[oa + c + 1] = a1;
      out[oa + c + 2] = a2;
      out[oa + c + 3] = a3;
    }
    for (; c < k; c++) {
      const w = c * d;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      let j = 0;
      for (; j + 3 < d; j += 4) {
        a0 += a[ra + j] * b[w + j];
        a1 += a[ra + j + 1] * b[w + j + 1];
        a2 += a[ra + j + 2] * b[w + j + 2];
        a3 += a[ra + j + 3] * b[w + j + 3];
      }
      for (; j < d; j++) a0 += a[ra + j] * b[w + j];
      out[oa + c] = a0 + a1 + (a2 + a3);
    }
  }
  if (bias) for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) out[r * k + c] += bias[c];
}

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

function checkProblem(x: ArrayLike<number>, y: ArrayLike<number>, problem: LogisticProblem): number {
  const {kind, classes: k, dims: d} = problem;
  if (!(Number.isInteger(k) && k >= 1 && Number.isInteger(d) && d >= 0)) throw new Error(`logistic: bad shape classes=${k} dims=${d}`);
  if (kind === "multiclass" && k < 2) throw new Error("logistic: multiclass needs at least 2 classes");
  const n = d > 0 ? x.length / d : kind === "multilabel" ? y.length / k : y.length;
  if (!Number.isInteger(n)) throw new Error(`logistic: ${x.length} features is not a multiple of dims=${d}`);
  const expected = kind === "multilabel" ? n * k : n;
  if (y.length !== expected) throw new Error(`logistic: expected ${expected} targets for ${n} records, got ${y.length}`);
  for (let p = 0; p < x.length; p++) if (!Number.isFinite(x[p])) throw new Error("logistic: features contain a non-finite value");
  if (kind === "multiclass") {
    for (let i = 0; i < n; i++) if (!(Number.isInteger(y[i]) && y[i] >= 0 && y[i] < k)) throw new Error(`logistic: class id ${y[i]} outside 0..${k - 1}`);
  } else {
    for (let p = 0; p < y.length; p++) if (!(y[p] >= 0 && y[p] <= 1)) throw new Error(`logistic: multilabel target ${y[p]} outside [0, 1]`);
  }
  return n;
}

function linear(x: ArrayLike<number>, i: number, d: number, k: number, weights: Float64Array, bias: Float64Array, out: Float64Array): void {
  for (let c = 0; c < k; c++) out[c] = bias[c];
  for (let j = 0; j < d; j++) {
    const xij = x[i * d + j];
    if (xij === 0) continue;
    for (let c = 0; c < k; c++) out[c] += xij * weights[j * k + c];
  }
}

function clippedMean(t: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < t.length; i++) sum += t[i];
  const p = t.length ? sum / t.length : 0.5;
  return Math.min(Math.max(p, PREVALENCE_FLOOR), 1 - PREVALENCE_FLOOR);
}

function classFrequencies(labels: Int32Array, k: number): Float64Array {
  const freq = new Float64Array(k);
  for (const c of labels) freq[c]++;
  let total = 0;
  for (let c = 0; c < k; c++) total += freq[c] = Math.max(freq[c] / Math.max(labels.length, 1), PREVALENCE_FLOOR);
  for (let c = 0; c < k; c++) freq[c] /= total;
  return freq;
}

function centre(v: Float64Array): void {
  let mean = 0;
  for (const u of v) mean += u / v.length;
  for (let i = 0; i < v.length; i++) v[i] -= mean;
}

const logit = (p: number) => Math.log(p / (1 - p));

/** log(1 + e^z) without overflow. */
const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

function logSumExp(z: Float64Array): number {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c] > max) max = z[c];
  let sum = 0;
  for (let c = 0; c < z.length; c++) sum += Math.exp(z[c] - max);
  return max + Math.log(sum);
}
