// Bootstrap intervals for the joint law: every parameter, plus the compute-optimal exponents
// a = beta / (alpha + beta) and b = alpha / (alpha + beta) that follow from them.

import {runBootstrap, type BootstrapOptions, type BootstrapSummary} from "./bootstrap.js";
import {refitJointLaw, type JointFitOptions, type JointLawFit, type LossPoint} from "./joint-law.js";
import {cannotFit, type Fitted} from "./types.js";
import {distinctCount} from "./validate.js";

export type JointBootstrapParam = "E" | "A" | "alpha" | "B" | "beta" | "a" | "b";

export interface JointBootstrapOptions extends BootstrapOptions, JointFitOptions {
  /**
   * Size of the coarse (alpha, beta) grid checked in each refit for a better basin than the
   * warm start (default 10; 0 = warm start only, faster but blind to basin switches).
   */
  coarseGridSize?: number;
}

export function bootstrapJointLaw(
  points: readonly LossPoint[],
  fit: JointLawFit,
  options: JointBootstrapOptions = {}
): Fitted<BootstrapSummary<JointBootstrapParam>> {
  if (points.length !== fit.n) return cannotFit("invalid-option", "The bootstrap needs the points the fit was made on.");
  const N = points.map((p) => p.N);
  const D = points.map((p) => p.D);
  const p = fit.params;
  const estimates = {...p, a: p.beta / (p.alpha + p.beta), b: p.alpha / (p.alpha + p.beta)};
  const summary = runBootstrap(
    points.length,
    estimates,
    (weights) => {
      // A resample with fewer than 3 distinct N or D cannot identify the law: count it as failed.
      if (distinctCount(N, weights) < 3 || distinctCount(D, weights) < 3) return "degenerate";
      const r = refitJointLaw(points, weights, fit.solver, {...options, delta: fit.delta});
      if (!r.converged) return null;
      const q = r.params;
      return {...q, a: q.beta / (q.alpha + q.beta), b: q.alpha / (q.alpha + q.beta)};
    },
    options
  );
  return {ok: true, ...summary};
}
