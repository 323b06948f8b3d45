// How findings are written: number formatting, estimates with intervals, evidence entries, the decision rules in words.
import {clopperPearson} from "../../scaling/distributions.js";
import {EXPONENT_ZERO, NEARLY_ALL, SIGNIFICANCE, UNIT_LEVEL} from "./rules.js";
import type {Estimate, Scheme, Tally} from "./statistics.js";
import {type Evidence} from "./types.js";

/** The decision rules in words, for the methods page (every number from the constants above). */
export const DECISION_RULES = {
  units: `A unit (a family's fit, a pair of families, an OOD task) holds when a one-sided test at ${UNIT_LEVEL} puts it on the claimed side, that is when its 95% bootstrap interval lies on that side; it fails when the interval lies on the other side; it is unclear otherwise. Bootstrap p-values are (draws on the wrong side + 1) / (draws + 1).`,
  zero: `An exponent is positive when the loss falls with that size within the runs (a one-sided t test of the slope of log loss on log size, one level per value of the other size, at ${UNIT_LEVEL}) and its interval lies above ${EXPONENT_ZERO} (a ten-fold scale-up cuts the excess loss by at least a quarter of a percent): the bootstrap alone cannot test an exponent at zero, the edge of its range, because with a vanishing coefficient the exponent is not identified and its draws can sit anywhere. It fails only when its whole interval lies below ${EXPONENT_ZERO}, never for a point estimate near zero alone.`,
  kappa: "κ < 1 holds only when the whole interval of κ lies inside (0, 1): a κ at or below zero never counts as a transfer bottleneck. κ > 1 fails the claim when the whole interval lies above one.",
  comparison: "Two families are compared by the bootstrap distribution of the difference of their mean exponents over the OOD sets both were fitted on. Their runs differ, so their bootstraps are independent and the difference is taken between independent draws; the sets of one family share resamples, so its mean is taken per resample. Disjoint intervals are not required.",
  paired: "Absolute losses compare paired runs (same architecture, size, data and seed) per OOD task with an exact one-sided sign test, each model pair counted once per task; tasks are then combined as the claim says (all of them, or a majority after Holm's correction across the tasks).",
  proportion: `Claims about nearly all units (every OOD exponent, every transfer law, the allocation of every fit) are supported when the share of units that hold is established above ${NEARLY_ALL * 100}% ("nearly all"): an exact one-sided binomial test, the dual of the Clopper-Pearson lower end, against the rate at which units would test as holding if only ${NEARLY_ALL * 100}% truly held (a unit that does not hold can still test as holding, at most ${UNIT_LEVEL * 100}% of the time). They are contradicted when the share failing is established above ${Math.round((1 - NEARLY_ALL) * 100)}% in the same way. Units share runs (a family's exponents, its OOD sets), so they are not independent; the simulation measures what that costs.`,
  all: "Claims about every named unit (both supervised families, both architecture or paradigm pairs, the unseen tasks) are supported when every unit holds (intersection-union test) and contradicted when one unit fails after Bonferroni's correction across the units.",
  claims: `Each claim's p-value is two-sided; Holm's step-down correction over the claims keeps the chance of any false verdict among them at ${SIGNIFICANCE}.`
};

/** Two significant digits, no trailing zeros; integers as they are; below 0.001 in e-notation (9.3e-14). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(1).replace(/\.0e/, "e").replace("e+", "e");
  return String(Number(x.toPrecision(2)));
}

export const EDGE = " (at the fit's search bound)";

/** "α = 0.52 [0.31, 0.9]"; an end that runs into the search box reads "unbounded below/above"; flagged when the estimate sits on the bound. */
export function show(symbol: string, e: Estimate): string {
  let interval = "";
  if (e.lo !== null && e.hi !== null) {
    const lo = e.unbounded === "below" || e.unbounded === "both" ? "unbounded below" : formatNumber(e.lo);
    const hi = e.unbounded === "above" || e.unbounded === "both" ? "unbounded above" : formatNumber(e.hi);
    interval = ` [${lo}, ${hi}]`;
  }
  return `${symbol} = ${formatNumber(e.value)}${interval}${e.edge ? EDGE : ""}`;
}

export const ev = (label: string, e: Estimate): Evidence => ({label: e.edge ? `${label}${EDGE}` : e.unbounded ? `${label} (interval unbounded ${e.unbounded === "both" ? "both ways" : e.unbounded})` : label, value: e.value, lo: e.lo, hi: e.hi});

export const count = (label: string, value: number): Evidence => ({label, value});

// Units and claims

export function list(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join("; ")}; and ${parts[parts.length - 1]}`;
}

export const RULES: Record<Scheme, string> = {
  all: `${DECISION_RULES.all} ${DECISION_RULES.units}`,
  "nearly-all": `${DECISION_RULES.proportion} ${DECISION_RULES.units}`,
  majority: DECISION_RULES.paired
};

/** Evidence and words for a "nearly all" claim: units holding, their share and its Clopper-Pearson interval. */
export function shareEvidence(t: Tally, n: number, what: string): {evidence: Evidence[]; words: string} {
  const cp = clopperPearson(t.holds, n);
  return {
    evidence: [{label: `share of ${what} that hold (95% Clopper-Pearson interval)`, value: t.holds / n, lo: cp.lo, hi: cp.hi}],
    words: `a share of ${formatNumber(t.holds / n)} [${formatNumber(cp.lo)}, ${formatNumber(cp.hi)}]`
  };
}
