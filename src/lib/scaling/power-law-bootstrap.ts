// Bootstrap intervals for a marginal law L = E + A / x^exponent.

import {runBootstrap, type BootstrapOptions, type BootstrapSummary} from "./bootstrap.js";
import {refitPowerLaw, type PowerLawFit} from "./marginal-law.js";
import {cannotFit, type Fitted} from "./types.js";
import {distinctCount} from "./validate.js";

export function bootstrapPowerLaw(
  x: readonly number[],
  loss: readonly number[],
  fit: PowerLawFit,
  options: BootstrapOptions = {}
): Fitted<BootstrapSummary<"E" | "A" | "exponent">> {
  if (x.length !== fit.n || loss.length !== fit.n) return cannotFit("invalid-option", "The bootstrap needs the points the fit was made on.");
  const summary = runBootstrap(
    x.length,
    {...fit.params},
    (weights) => {
      if (distinctCount(x, weights) < 3) return "degenerate";
      const r = refitPowerLaw(x, loss, weights, fit);
      return r.converged ? {...r.params} : null;
    },
    options
  );
  return {ok: true, ...summary};
}
