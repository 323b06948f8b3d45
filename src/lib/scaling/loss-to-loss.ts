// Loss-to-loss scaling (Brandfonbrener et al. 2025), paper Eq. (4):
//   L_ood - E_ood = K (L_id - E_id)^kappa,
// with the floors E_id and E_ood taken from the joint fits (inputs here). K and the transfer
// exponent kappa come from least squares on the log excess losses:
//   log(L_ood - E_ood) = log K + kappa log(L_id - E_id).
// Pairs whose excess is not positive (a loss at or below its fitted floor) have no logarithm;
// they are dropped and counted.

import {runBootstrap, type BootstrapOptions, type BootstrapSummary} from "./bootstrap.js";
import {fitLine} from "./linear-regression.js";
import {cannotFit, type Fitted} from "./types.js";
import {distinctCount} from "./validate.js";

export interface LossPair {
  /** In-distribution loss of a model. */
  id: number;
  /** Out-of-distribution loss of the same model. */
  ood: number;
}

export interface LossToLossFit {
  K: number;
  kappa: number;
  /** R^2 of the line on the log excess losses. */
  r2Log: number;
  /** Pairs used, and pairs dropped for a non-positive excess. */
  n: number;
  dropped: number;
  floors: {id: number; ood: number};
  /** Log excess losses actually fitted (for the bootstrap and for plots). */
  logExcessId: number[];
  logExcessOod: number[];
}

/** Fit L_ood - E_ood = K (L_id - E_id)^kappa given the floors. */
export function fitLossToLoss(pairs: readonly LossPair[], floors: {id: number; ood: number}): Fitted<LossToLossFit> {
  if (!Number.isFinite(floors.id) || !Number.isFinite(floors.ood)) {
    return cannotFit("non-finite-input", `The floors must be finite; got E_id = ${floors.id}, E_ood = ${floors.ood}.`);
  }
  for (const [i, p] of pairs.entries()) {
    if (!Number.isFinite(p.id) || !Number.isFinite(p.ood)) return cannotFit("non-finite-input", `Pair #${i + 1} has a non-finite loss.`);
  }
  const x: number[] = [];
  const y: number[] = [];
  for (const p of pairs) {
    const ex = p.id - floors.id;
    const ey = p.ood - floors.ood;
    if (ex > 0 && ey > 0) {
      x.push(Math.log(ex));
      y.push(Math.log(ey));
    }
  }
  const dropped = pairs.length - x.length;
  if (x.length === 0 && pairs.length > 0) {
    return cannotFit("no-positive-excess", `No pair has both losses above their floors (E_id = ${floors.id}, E_ood = ${floors.ood}).`);
  }
  if (x.length < 3) return cannotFit("too-few-points", `Loss-to-loss needs at least 3 pairs above the floors; got ${x.length} (${dropped} dropped).`);
  if (distinctCount(x) < 2) return cannotFit("too-few-distinct-x", "All ID excess losses are equal: the exponent is undefined.");
  const line = fitLine(x, y)!;
  return {ok: true, K: Math.exp(line.intercept), kappa: line.slope, r2Log: line.r2, n: x.length, dropped, floors, logExcessId: x, logExcessOod: y};
}

/** Predicted OOD loss for an ID loss. */
export function predictLossToLoss(fit: Pick<LossToLossFit, "K" | "kappa" | "floors">, lossId: number): number {
  return fit.floors.ood + fit.K * Math.pow(lossId - fit.floors.id, fit.kappa);
}

/**
 * Bootstrap intervals for K and kappa. Without `floorsFor`, the pairs used by the fit are
 * resampled with the floors held fixed (intervals conditional on the floors: too narrow when the
 * floors are themselves estimates). With `floorsFor(r)` every pair is resampled and refitted on
 * the floors of resample r (e.g. the joint laws refitted on the same resampled runs, with the
 * same `counts`), so the floors' uncertainty is carried into K and kappa; a resample whose
 * floors are not finite (their refit failed) counts as failed, as does one that leaves fewer
 * than 3 pairs above the floors.
 */
export function bootstrapLossToLoss(
  pairs: readonly LossPair[],
  fit: LossToLossFit,
  options: BootstrapOptions & {floorsFor?: (resample: number) => {id: number; ood: number}} = {}
): Fitted<BootstrapSummary<"K" | "kappa">> {
  const {floorsFor} = options;
  const summary = runBootstrap(
    floorsFor ? pairs.length : fit.n,
    {K: fit.K, kappa: fit.kappa},
    (weights, r) => {
      if (!floorsFor) {
        const line = fitLine(fit.logExcessId, fit.logExcessOod, weights);
        return line ? {K: Math.exp(line.intercept), kappa: line.slope} : null;
      }
      const floors = floorsFor(r);
      if (!Number.isFinite(floors.id) || !Number.isFinite(floors.ood)) return null;
      const picked: LossPair[] = [];
      pairs.forEach((p, i) => {
        for (let c = 0; c < weights[i]!; c++) picked.push(p);
      });
      const refit = fitLossToLoss(picked, floors);
      return refit.ok ? {K: refit.K, kappa: refit.kappa} : null;
    },
    options
  );
  return {ok: true, ...summary};
}
