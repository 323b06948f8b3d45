// The paper's findings (abstract, section 5, conclusion), restated with this study's own
// fits and runs: one sentence per claim, generated from the tables, with a verdict
// (supported, contradicted, or undetermined) and the numbers that decide it. Pure: the
// overview page and the tests call the same function on the fits, transfer and runs
// tables. Every number in a sentence is one of its evidence values (formatted with
// `formatNumber`), and every evidence value is an input cell, a count, or a mean, ratio or
// p-value computed from them, so no sentence can state a number the data do not give.
//
// Decision rules (stated on the methods page from DECISION_RULES; calibrated by simulation in
// test/unit/findings-calibration.test.ts):
//  1. Units. Each claim is checked on units (a family's fit, a family pair, an OOD task). A unit
//     "holds" when a one-sided test at UNIT_LEVEL (2.5%) puts it on the claimed side, "fails"
//     when the same test puts it on the other side, and is "unclear" otherwise. The tests use the
//     bootstrap draws (p = (draws on the wrong side + 1) / (draws + 1)); without draws, a normal
//     approximation from the 95% interval; without an interval, nothing is decided.
//     - a threshold on an estimate (b > 1/2): the estimate's draws;
//     - an exponent > 0: the loss must fall with that size within the runs (a t test of the slope
//       of log L on log N, one level per D, or the reverse) and the exponent's interval lie above
//       EXPONENT_ZERO (the bootstrap cannot test an exponent at zero, the edge of its range). A
//       point estimate near zero "fails" only when its whole interval lies below EXPONENT_ZERO;
//     - kappa < 1 holds only when the whole interval lies inside (0, 1): a kappa <= 0 never holds;
//     - family comparisons (alpha, beta, kappa of family A against family B, in each pair): the
//       bootstrap distribution of the difference of the two families' mean exponents over the
//       OOD sets both were fitted on. The families' runs differ, so their bootstraps are
//       independent: the difference of independent draws (draw r of A minus draw r of B); within
//       a family the sets share resamples, so the mean over sets is taken per resample;
//     - paired runs (same architecture, size, data and seed): per OOD task, an exact one-sided
//       sign test with the model pair as the unit (each pair counted once per task).
//  2. Claims. Combined over units by the claim's wording:
//     - "all" (the claim names every unit: both SL families, both pairs, the unseen tasks):
//       supported when every unit holds (intersection-union test, p = largest unit p); contradicted
//       when one unit fails after Bonferroni (p = units x smallest p against the claim);
//     - "nearly all" (many units: every OOD exponent, every transfer law, every allocation):
//       supported when the proportion of units holding is established above NEARLY_ALL (80%):
//       an exact one-sided binomial test (the dual of the Clopper-Pearson lower end) against
//       80% + 2.5% x 20%, the rate at which units would test as holding if only 80% truly held
//       (a unit that does not hold tests as holding at most 2.5% of the time); contradicted when
//       the proportion failing is established above 1 - NEARLY_ALL (against 20% + 2.5% x 80%);
//     - "generally" across OOD tasks (paired losses): supported when a majority of tasks hold
//       after Holm's correction across the tasks (p = the majority-th smallest Holm-adjusted p),
//       contradicted the same way.
//     Each claim's p-value is two-sided (twice the smaller of its support and contradiction p).
//  3. Twelve claims. Holm's step-down correction over the claims' p-values at SIGNIFICANCE: a
//     claim is supported or contradicted only when its Holm-adjusted p is below SIGNIFICANCE.
//
// The code lives in src/lib/study/claims/: types.ts (shapes), rules.ts (thresholds), statistics.ts (estimates,
// p-values, units, combining; reusable by other claim sets), wording.ts (formatting, the rules in words),
// study.ts (table lookups), one file per group of claims, and index.ts (the twelve claims in order, Holm).
// This module is their public face.
export type {Support, Evidence, Finding, TableRow} from "./claims/types.js";
export {EXPONENT_ZERO, SIGNIFICANCE, UNIT_LEVEL, NEARLY_ALL} from "./claims/rules.js";
export {pAbove, pBelow, unitOf, combine, signTest, trendTest, type Scheme, type Decision} from "./claims/statistics.js";
export {DECISION_RULES, formatNumber} from "./claims/wording.js";
export {findings, LABELS} from "./claims/index.js";
export {UNSEEN_TASKS} from "../tasks.js";
export {familyLabel} from "../families.js";
