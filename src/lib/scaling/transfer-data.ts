// Effective data transferred (Hernandez et al. 2021, "Scaling laws for transfer"; the paper's B.8): a model of N
// parameters fine-tuned on D_F downstream records reaches loss L_ft; the from-scratch curve of the same task,
// L_s(D) = E + A / D^b (fitted by fitPowerLaw), says how many records D_E a model trained from scratch needs for that
// loss; D_T = D_E - D_F is the data pre-training was worth. The transfer law D_T = k D_F^alpha N^beta is fitted by
// least squares on log D_T over the points with D_T > 0. Points where fine-tuning does not beat training from
// scratch (D_T <= 0) or where L_ft lies at or below the scratch curve's floor (D_E undefined) are kept and labelled:
// they are findings, not noise.

import {runBootstrap, type BootstrapOptions, type BootstrapSummary} from "./bootstrap.js";
import {fitPowerLaw, type PowerLawFitOptions, type PowerLawParams} from "./marginal-law.js";
import {createRng} from "./rng.js";
import {cannotFit, type Fitted} from "./types.js";

export interface FinetunePoint {
  /** Pre-trained model size (parameters). */
  N: number;
  /** Downstream training records. */
  DF: number;
  /** Fine-tuned test loss. */
  L: number;
}

export type TransferStatus = "transfer" | "no-gain" | "beyond-floor";

export interface TransferPoint extends FinetunePoint {
  /** Scratch records needed for loss L (null: L at or below the scratch curve's floor E). */
  DE: number | null;
  /** D_E - D_F (null when D_E is). */
  DT: number | null;
  status: TransferStatus;
}

/** D with E + A / D^b = L, or null when L <= E (no amount of scratch data reaches it on the fitted curve). */
export function effectiveData(scratch: PowerLawParams, L: number): number | null {
  if (!(L > scratch.E) || !(scratch.A > 0) || !(scratch.exponent > 0)) return null;
  return Math.pow(scratch.A / (L - scratch.E), 1 / scratch.exponent);
}

export function transferPoints(scratch: PowerLawParams, points: readonly FinetunePoint[]): TransferPoint[] {
  return points.map((p) => {
    const DE = effectiveData(scratch, p.L);
    if (DE === null) return {...p, DE, DT: null, status: "beyond-floor"};
    const DT = DE - p.DF;
    return {...p, DE, DT, status: DT > 0 ? "transfer" : "no-gain"};
  });
}

export interface TransferLaw {
  k: number;
  alpha: number;
  beta: number;
}

export interface TransferLawFit extends TransferLaw {
  /** Points fitted (D_T > 0) and the R^2 of log D_T. */
  n: number;
  r2Log: number;
}

/** Least squares of y on the columns of X (n x p, row-major), by the normal equations with partial pivoting. */
export function leastSquares(X: ArrayLike<number>, y: ArrayLike<number>, p: number): number[] | null {
  const n = y.length;
  const A = Array.from({length: p}, () => new Array<number>(p + 1).fill(0));
  for (let i = 0; i < n; i++)
    for (let r = 0; r < p; r++) {
      for (let c = 0; c < p; c++) A[r]![c]! += X[i * p + r]! * X[i * p + c]!;
      A[r]![p]! += X[i * p + r]! * y[i]!;
    }
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(A[r]![col]!) > Math.abs(A[pivot]![col]!)) pivot = r;
    if (Math.abs(A[pivot]![col]!) < 1e-12 * Math.max(1, Math.abs(A[0]![0]!))) return null; // collinear design
    [A[col], A[pivot]] = [A[pivot]!, A[col]!];
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const f = A[r]![col]! / A[col]![col]!;
      for (let c = col; c <= p; c++) A[r]![c]! -= f * A[col]![c]!;
    }
  }
  return A.map((row, r) => row[p]! / row[r]!);
}

/** log D_T = log k + alpha log D_F + beta log N over the points with D_T > 0. */
export function fitTransferLaw(points: readonly TransferPoint[]): Fitted<TransferLawFit> {
  const used = points.filter((p) => p.status === "transfer");
  if (used.length < 4) return cannotFit("too-few-points", `The transfer law needs at least 4 points where fine-tuning beats training from scratch (D_T > 0); there are ${used.length}.`);
  if (new Set(used.map((p) => p.N)).size < 2) return cannotFit("too-few-distinct-N", "The transfer law needs points from at least 2 model sizes N.");
  if (new Set(used.map((p) => p.DF)).size < 2) return cannotFit("too-few-distinct-D", "The transfer law needs points at at least 2 downstream data sizes D_F.");
  const X = used.flatMap((p) => [1, Math.log(p.DF), Math.log(p.N)]);
  const y = used.map((p) => Math.log(p.DT!));
  const b = leastSquares(X, y, 3);
  if (!b) return cannotFit("invalid-option", "The points do not separate D_F from N (collinear design).");
  const mean = y.reduce((a, v) => a + v, 0) / y.length;
  const ssTot = y.reduce((a, v) => a + (v - mean) ** 2, 0);
  const ssRes = used.reduce((a, p, i) => a + (y[i]! - (b[0]! + b[1]! * Math.log(p.DF) + b[2]! * Math.log(p.N))) ** 2, 0);
  return {ok: true, k: Math.exp(b[0]!), alpha: b[1]!, beta: b[2]!, n: used.length, r2Log: ssTot > 0 ? 1 - ssRes / ssTot : 1};
}

export interface TransferAnalysis {
  scratch: PowerLawParams;
  points: TransferPoint[];
  law: Fitted<TransferLawFit>;
}

/** The scratch curve from (D, L) pairs, the transfer points and the law. */
export function analyzeTransfer(scratchD: readonly number[], scratchL: readonly number[], finetuned: readonly FinetunePoint[], options: PowerLawFitOptions = {}): Fitted<TransferAnalysis> {
  const scratch = fitPowerLaw(scratchD, scratchL, options);
  if (!scratch.ok) return scratch;
  const points = transferPoints(scratch.params, finetuned);
  return {ok: true, scratch: scratch.params, points, law: fitTransferLaw(points)};
}

/**
 * Bootstrap intervals for k, alpha and beta: the scratch points and the fine-tuned points are resampled by cases,
 * each group apart (stratified: every resample has as many of each as the data), the scratch curve refitted, D_T
 * recomputed and the law refitted; a resample where either fit fails counts as a failure (reported by runBootstrap).
 */
export function bootstrapTransferLaw(
  scratchD: readonly number[],
  scratchL: readonly number[],
  finetuned: readonly FinetunePoint[],
  estimate: TransferLaw,
  options: BootstrapOptions & {fit?: PowerLawFitOptions} = {}
): BootstrapSummary<"k" | "alpha" | "beta"> {
  const nS = scratchD.length;
  const nF = finetuned.length;
  const rng = createRng(options.seed ?? 1);
  const stratified = (_: number, out: Float64Array) => {
    out.fill(0);
    for (let i = 0; i < nS; i++) out[rng.int(nS)]! += 1;
    for (let i = 0; i < nF; i++) out[nS + rng.int(nF)]! += 1;
    return out;
  };
  return runBootstrap(
    nS + finetuned.length,
    {k: estimate.k, alpha: estimate.alpha, beta: estimate.beta},
    (weights) => {
      const pick = <T>(items: readonly T[], offset: number) => items.flatMap((item, i) => Array.from({length: weights[offset + i]!}, () => item));
      const d = pick(scratchD, 0);
      const l = pick(scratchL, 0);
      if (new Set(d).size < 3) return "degenerate";
      const r = analyzeTransfer(d, l, pick(finetuned, nS), options.fit);
      return r.ok && r.law.ok ? {k: r.law.k, alpha: r.law.alpha, beta: r.law.beta} : null;
    },
    {...options, counts: options.counts ?? stratified}
  );
}
