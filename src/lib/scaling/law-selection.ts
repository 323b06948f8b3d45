// Which joint law describes the runs, and by how much: the paper's additive law (joint-law.ts)
// against the Kaplan form with an N-D interaction (kaplan-law.ts), compared by
//  - leave-one-out prediction error: refit without each run (or without every run of one model
//    size N, or of one data size D: extrapolation to an unseen size), predict the left-out runs,
//    and report the RMS log error (log predicted - log observed, about the relative error);
//  - lack of fit against seed (or evaluation) noise (lack-of-fit.ts).
// Both are computed on the same points for every form, so they are comparable across forms; the
// fits can also be restricted to runs that beat the constant predictor (aboveChance), since a run
// at chance carries no information about how the loss scales.

import {fitJointLaw, predictJointLaw, type JointFitOptions, type LossPoint} from "./joint-law.js";
import {fitKaplanLaw, predictKaplanLaw, type KaplanFitOptions} from "./kaplan-law.js";
import {lackOfFit, type LackOfFit, type LackOfFitPoint} from "./lack-of-fit.js";
import type {CannotFit} from "./types.js";

export type LawFormName = "joint" | "kaplan";
export const LAW_FORMS: readonly LawFormName[] = ["joint", "kaplan"];
export const LAW_FORM_LABELS: Record<LawFormName, string> = {joint: "joint additive (paper)", kaplan: "Kaplan interaction"};

export type FormFitOptions = JointFitOptions & KaplanFitOptions;

/** A fitted form reduced to what the comparison needs. */
export type FormFit =
  | {ok: true; form: LawFormName; parameters: number; predict: (N: number, D: number) => number; params: Record<string, number>; warnings: string[]}
  | CannotFit;

/** Fit one form (default options: both with a floor E, Huber delta 1e-3, exponents in [0, 3]). */
export function fitLawForm(form: LawFormName, points: readonly LossPoint[], options: FormFitOptions = {}): FormFit {
  if (form === "joint") {
    const fit = fitJointLaw(points, options);
    if (!fit.ok) return fit;
    const p = fit.params;
    return {ok: true, form, parameters: (options.floor ?? true) ? 5 : 4, predict: (N, D) => predictJointLaw(p, N, D), params: {...p}, warnings: fit.warnings};
  }
  const fit = fitKaplanLaw(points, options);
  if (!fit.ok) return fit;
  const p = fit.params;
  return {ok: true, form, parameters: fit.parameters, predict: (N, D) => predictKaplanLaw(p, N, D), params: {...p}, warnings: fit.warnings};
}

export type HoldOut = "run" | "N" | "D";

export interface PredictionError {
  holdOut: HoldOut;
  /** Folds (runs, or distinct N or D values) and those whose refit failed (their runs are not predicted). */
  folds: number;
  failedFolds: number;
  /** Runs predicted. */
  predicted: number;
  /** RMS of log(predicted) - log(observed) over the predicted runs; null when none was. */
  rmsLog: number | null;
  /** RMS of predicted / observed - 1. */
  rmsRelative: number | null;
  /** Per run (input order): its held-out log error, null where its fold failed. */
  logErrors: (number | null)[];
}

/**
 * Leave-one-out prediction error of a form: for each fold (one run, or all runs with one N, or
 * with one D), fit on the other runs with fitLawForm and predict the fold's runs. A fold whose
 * refit cannot be made (too few points or distinct sizes left, no convergence) is counted in
 * failedFolds and left out of the RMS.
 */
export function leaveOneOut(form: LawFormName, points: readonly LossPoint[], options: FormFitOptions = {}, holdOut: HoldOut = "run"): PredictionError {
  const foldOf = (p: LossPoint, i: number): number => (holdOut === "run" ? i : holdOut === "N" ? p.N : p.D);
  const folds = [...new Set(points.map(foldOf))];
  const logErrors: (number | null)[] = points.map(() => null);
  let failedFolds = 0;
  for (const fold of folds) {
    const train = points.filter((p, i) => foldOf(p, i) !== fold);
    const fit = fitLawForm(form, train, options);
    if (!fit.ok) {
      failedFolds++;
      continue;
    }
    points.forEach((p, i) => {
      if (foldOf(p, i) === fold) logErrors[i] = Math.log(fit.predict(p.N, p.D)) - Math.log(p.L);
    });
  }
  const errors = logErrors.filter((e): e is number => e !== null && Number.isFinite(e));
  const rms = (xs: number[]) => (xs.length ? Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length) : null);
  return {holdOut, folds: folds.length, failedFolds, predicted: errors.length, rmsLog: rms(errors), rmsRelative: rms(errors.map((e) => Math.expm1(e))), logErrors};
}

/** A run with its loss's standard error and the constant predictor's loss on the same test split. */
export interface ChancePoint extends LossPoint {
  se?: number | null;
  /** The constant predictor's loss (null or absent: unknown, the run is kept). */
  constant?: number | null;
}

export interface ChanceOptions {
  /** Standard errors below the constant predictor's loss a run must reach (default 2). */
  k?: number;
  /** ... or this share of the constant's loss, whichever is larger (default 0; used alone when a run has no SE). */
  margin?: number;
}

export const DEFAULT_CHANCE_K = 2;

/**
 * Split runs into those that beat the constant predictor, L < constant - max(k se, margin constant),
 * and those at (or above) chance. Runs without a known constant are kept.
 */
export function aboveChance<T extends ChancePoint>(points: readonly T[], options: ChanceOptions = {}): {kept: T[]; dropped: T[]} {
  const k = options.k ?? DEFAULT_CHANCE_K;
  const margin = options.margin ?? 0;
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const p of points) {
    const c = p.constant;
    if (typeof c !== "number" || !Number.isFinite(c)) {
      kept.push(p);
      continue;
    }
    const se = typeof p.se === "number" && Number.isFinite(p.se) ? p.se : 0;
    (p.L < c - Math.max(k * se, margin * c) ? kept : dropped).push(p);
  }
  return {kept, dropped};
}

export interface FormAssessment {
  form: LawFormName;
  fit: FormFit;
  /** Lack of fit of the full fit against seed (or evaluation) noise; null without a fit. */
  lackOfFit: LackOfFit | null;
  /** Leave-one-run-out, leave-one-N-out and leave-one-D-out prediction errors (null without a fit). */
  loo: PredictionError | null;
  looN: PredictionError | null;
  looD: PredictionError | null;
}

/** Fit a form on the points, with its lack of fit and leave-one-out errors (extrapolation folds optional). */
export function assessLawForm(form: LawFormName, points: readonly LackOfFitPoint[], options: FormFitOptions & {extrapolation?: boolean} = {}): FormAssessment {
  const fit = fitLawForm(form, points, options);
  if (!fit.ok) return {form, fit, lackOfFit: null, loo: null, looN: null, looD: null};
  const lof = lackOfFit(points, points.map((p) => fit.predict(p.N, p.D)), fit.parameters);
  const extrapolation = options.extrapolation ?? true;
  return {
    form,
    fit,
    lackOfFit: lof,
    loo: leaveOneOut(form, points, options, "run"),
    looN: extrapolation ? leaveOneOut(form, points, options, "N") : null,
    looD: extrapolation ? leaveOneOut(form, points, options, "D") : null
  };
}
