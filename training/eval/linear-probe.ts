/**
 * Linear probing (paper A.3): a linear classifier on frozen features of an OOD dataset, fitted on its
 * training split, its regularisation chosen on the validation split, scored on the test split (loss
 * and macro AUROC).
 *
 * The probe is L2-regularised logistic regression solved to convergence (training/eval/logistic.ts):
 * independent sigmoid / binary cross-entropy per label for multi-label tasks, softmax cross-entropy for
 * multi-class tasks; objective = mean loss + (lambda / 2) ||W||^2 with the bias unpenalised; full
 * batch, float64, L-BFGS with a strong-Wolfe line search, deterministic. lambda runs over
 * PROBE_LAMBDAS from strong to weak regularisation, each fit warm-started from the previous one; the
 * lambda with the lowest validation loss is kept (ties go to the stronger one), and that model is
 * scored on the test split.
 *
 * Features are standardised with the training split's mean and standard deviation (features constant
 * on the training split are set to 0 everywhere). The paper trains its probe with Adam and early
 * stopping; this repository did too until issue 12 showed that with 500-4,000 training records
 * (2-4 steps per epoch) such probes barely left the bias, so this is a departure from the paper.
 *
 * Plain JS in float64, not tfjs: the probe is small (d <= a few hundred) and exactly repeatable on
 * every backend.
 */
import {macroAuroc} from "./auroc.js";
import {constantBias, fitLogisticPath, LOGISTIC_MAX_ITERATIONS, LOGISTIC_TOLERANCE, scoreLogistic, type LogisticProblem, type ProbeKind} from "./logistic.js";

export type {ProbeKind} from "./logistic.js";
export {fitLogistic, fitLogisticPath, logisticObjective, scoreLogistic, constantBias, PREVALENCE_FLOOR, LOGISTIC_TOLERANCE, LOGISTIC_MAX_ITERATIONS, type LogisticFit, type LogisticOptions} from "./logistic.js";

/**
 * The lambda grid, strong to weak regularisation: 10^1 down to 10^-4 in half-decade steps (11 values).
 * On standardised features lambda = 10 leaves the probe close to the constant predictor; 10^-4 is
 * nearly unregularised for the 500-4,000 training records of the OOD tasks.
 */
export const PROBE_LAMBDAS: readonly number[] = Object.freeze(Array.from({length: 11}, (_, i) => Number((10 ** (1 - i / 2)).toPrecision(15))));

/** Gradient tolerance of every fit: ||gradient||_2 <= PROBE_TOLERANCE * max(1, objective) (see logistic.ts). */
export const PROBE_TOLERANCE = LOGISTIC_TOLERANCE;
/** L-BFGS iteration cap per lambda (per label for multi-label tasks). */
export const PROBE_MAX_ITERATIONS = LOGISTIC_MAX_ITERATIONS;

export interface ProbeSplit {
  /** Row-major (n x d) features. */
  x: Float32Array;
  /** multilabel: row-major (n x k) 0/1 targets; multiclass: n class ids. */
  y: Float32Array | Int32Array;
  n: number;
}

export interface ProbeOptions {
  kind: ProbeKind;
  classes: number;
  dims: number;
  /** Override the lambda grid (give it strong to weak). Default PROBE_LAMBDAS. */
  lambdas?: readonly number[];
  /** Gradient tolerance of each fit (see logistic.ts). Default PROBE_TOLERANCE. */
  tolerance?: number;
  /** L-BFGS iteration cap per lambda (per label for multilabel). Default PROBE_MAX_ITERATIONS. */
  maxIterations?: number;
  /** Unused (the probe is deterministic); accepted so existing callers keep compiling. */
  seed?: number;
  /** Also return the test split's scores (logits, or softmax probabilities for multiclass), row-major n x classes. */
  scores?: boolean;
}

/** One lambda of the grid, as the selection saw it. */
export interface ProbePathPoint {
  lambda: number;
  valLoss: number;
  iterations: number;
  converged: boolean;
}

export interface ProbeResult {
  /** Mean test loss of the chosen model (BCE averaged over labels, or cross-entropy). */
  testLoss: number;
  /** Standard error of testLoss: sd of the per-record losses / sqrt(n). */
  testLossSe: number;
  /** Macro AUROC on the test split (classes with one label value skipped); undefined if none can be scored. */
  testAuroc?: number;
  /** Validation loss of the chosen model (the selection criterion). */
  valLoss: number;
  /** The chosen lambda. */
  lambda: number;
  /** The chosen fit met the gradient tolerance. */
  converged: boolean;
  /** L-BFGS iterations of the chosen fit (multilabel: the most any label needed). */
  iterations: number;
  /** Same as iterations; kept so callers that record `epochs` (ProbeScore) keep working. */
  epochs: number;
  /** ||gradient||_2 of the training objective at the chosen fit. */
  gradNorm: number;
  /**
   * Test loss of the constant predictor: no features, the training split's label prevalences (or class
   * frequencies), floored at PREVALENCE_FLOOR as in logistic.ts, scored with the same loss.
   */
  constantLoss: number;
  constantLossSe: number;
  /** Standard error of the mean paired per-record difference (probe - constant) on the test split. */
  lossVsConstantSe: number;
  /** Every lambda of the grid: validation loss, iterations, convergence. */
  path: ProbePathPoint[];
  testScores?: Float64Array;
}

export function trainLinearProbe(train: ProbeSplit, val: ProbeSplit, test: ProbeSplit, options: ProbeOptions): ProbeResult {
  const {kind, classes: k, dims: d, lambdas = PROBE_LAMBDAS, tolerance = PROBE_TOLERANCE, maxIterations = PROBE_MAX_ITERATIONS} = options;
  if (train.n === 0 || val.n === 0 || test.n === 0) throw new Error("linear probe: every split needs at least one example");
  if (lambdas.length === 0) throw new Error("linear probe: empty lambda grid");
  const problem: LogisticProblem = {kind, classes: k, dims: d};
  // Non-finite features (a diverged backbone) have no probe: report NaN losses rather than throw mid-run.
  if (![train, val, test].every((s) => s.x.every(Number.isFinite))) return nanResult(lambdas);
  const {mean, scale} = featureStats(train.x, train.n, d);
  const [xTrain, xVal, xTest] = [train, val, test].map((s) => standardise(s.x, s.n, d, mean, scale));

  const fits = fitLogisticPath(xTrain, train.y, {...problem, lambdas, tolerance, maxIterations});
  let best = 0;
  const path = fits.map((fit, l) => {
    const valLoss = scoreLogistic(xVal, val.y, problem, fit.weights, fit.bias).loss;
    return {lambda: fit.lambda, valLoss, iterations: fit.iterations, converged: fit.converged};
  });
  for (let l = 1; l < path.length; l++) if (path[l].valLoss < path[best].valLoss) best = l;
  const chosen = fits[best];

  const scored = scoreLogistic(xTest, test.y, problem, chosen.weights, chosen.bias);
  const constant = scoreLogistic(xTest, test.y, problem, new Float64Array(d * k), constantBias(train.y, train.n, problem));
  const labels = new Float64Array(test.n * k);
  for (let i = 0; i < test.n; i++) for (let c = 0; c < k; c++) labels[i * k + c] = kind === "multilabel" ? test.y[i * k + c] : test.y[i] === c ? 1 : 0;
  const difference = scored.perRecord.map((v, i) => v - constant.perRecord[i]);
  return {
    testLoss: scored.loss,
    testLossSe: standardError(scored.perRecord),
    testAuroc: macroAuroc(scored.scores, labels, k).macro,
    valLoss: path[best].valLoss,
    lambda: chosen.lambda,
    converged: chosen.converged,
    iterations: chosen.iterations,
    epochs: chosen.iterations,
    gradNorm: chosen.gradNorm,
    constantLoss: constant.loss,
    constantLossSe: standardError(constant.perRecord),
    lossVsConstantSe: standardError(difference),
    path,
    ...(options.scores ? {testScores: scored.scores} : {})
  };
}

function nanResult(lambdas: readonly number[]): ProbeResult {
  return {
    testLoss: NaN,
    testLossSe: NaN,
    valLoss: NaN,
    lambda: NaN,
    converged: false,
    iterations: 0,
    epochs: 0,
    gradNorm: NaN,
    constantLoss: NaN,
    constantLossSe: NaN,
    lossVsConstantSe: NaN,
    path: lambdas.map((lambda) => ({lambda, valLoss: NaN, iterations: 0, converged: false}))
  };
}

/** Sample standard deviation / sqrt(n); 0 for a single value. */
function standardError(values: Float64Array): number {
  const n = values.length;
  if (n < 2) return 0;
  let mean = 0;
  for (const v of values) mean += v / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return Math.sqrt(ss / (n - 1) / n);
}

function featureStats(x: Float32Array, n: number, d: number): {mean: Float64Array; scale: Float64Array} {
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scale[j] += (x[i * d + j] - mean[j]) ** 2 / n;
  // A feature constant on the training split (relative to its size) carries nothing: scale 0 zeroes it everywhere.
  for (let j = 0; j < d; j++) scale[j] = scale[j] > 1e-12 * Math.max(1, mean[j] * mean[j]) ? 1 / Math.sqrt(scale[j]) : 0;
  return {mean, scale};
}

function standardise(x: Float32Array, n: number, d: number, mean: Float64Array, scale: Float64Array): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (x[i * d + j] - mean[j]) * scale[j];
  return out;
}
