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
import {binomialUpper, clopperPearson, holmAdjust, normalCdf, tUpper} from "../scaling/distributions.js";
import {decodeDraws} from "./fits.js";
import {lossOf, oodColumn, oodDatasets, type RunRow} from "./run-row.js";
import {UNSEEN_TASKS} from "../tasks.js";
import {ARCHITECTURE_NAMES, FAMILY_ORDER, PARADIGM_NAMES, SITE_FAMILIES, architectureOfFamily, architecturePairs, familiesOfParadigm, familyLabel, familyOf, paradigmOfFamily, paradigmPairs} from "../families.js";

export type Support = boolean | "undetermined";

export interface Evidence {
  label: string;
  value: number;
  lo?: number | null;
  hi?: number | null;
}

export interface Finding {
  id: string;
  /** The paper's claim, in words (no numbers). */
  claim: string;
  /** The claim restated with this study's numbers; says what the numbers imply. */
  text: string;
  supported: Support;
  /** Every number the sentence uses, with its interval where it has one. */
  evidence: Evidence[];
  /** How the verdict was decided. */
  rule: string;
  /** The claim's two-sided p-value before and after Holm's correction over the claims (null when nothing was tested). */
  p: number | null;
  pAdjusted: number | null;
  /** The claim's one-sided p-values for it and against it, before the correction (null when nothing was tested). */
  pSupport: number | null;
  pContra: number | null;
}

type Cell = string | number | boolean | null | undefined | bigint;
export type TableRow = Record<string, Cell>;

/** An exponent below this counts as zero: a 10-fold scale-up would cut the excess loss by less than 0.25%. */
export const EXPONENT_ZERO = 1e-3;
/** Family-wise level over the claims (Holm), and the two-sided level of each claim. */
export const SIGNIFICANCE = 0.05;
/** One-sided level of each unit's test: the 95% interval on one side of the threshold. */
export const UNIT_LEVEL = SIGNIFICANCE / 2;
/** "Nearly all": the share of units that must be established to hold. */
export const NEARLY_ALL = 0.8;
export {UNSEEN_TASKS};

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

export {familyLabel};

/** Two significant digits, no trailing zeros; integers as they are; below 0.001 in e-notation (9.3e-14). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(1).replace(/\.0e/, "e").replace("e+", "e");
  return String(Number(x.toPrecision(2)));
}

const num = (v: Cell): number | null => {
  if (typeof v === "bigint") return Number(v);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};

// ---------------------------------------------------------------------------------------
// Estimates, their bootstrap distributions and one-sided p-values

interface Estimate {
  value: number;
  lo: number | null;
  hi: number | null;
  /** The fit reports the estimate at the edge of its search box: a bound, not an estimate. */
  edge: boolean;
  /** The interval runs into the search box: "below", "above" or "both". */
  unbounded: string | null;
  /** Bootstrap draws by resample index (NaN for a failed refit); null when the table has none. */
  draws: Float64Array | null;
}

function estimate(row: TableRow, name: string): Estimate | null {
  const value = num(row[name]);
  if (value === null) return null;
  const lo = num(row[`${name}_lo`]);
  const hi = num(row[`${name}_hi`]);
  const edge = typeof row.warnings === "string" && row.warnings.includes(`${name} is at the edge of its search box`);
  const unbounded = typeof row[`${name}_unbounded`] === "string" ? (row[`${name}_unbounded`] as string) : null;
  let draws: Float64Array | null = decodeDraws(row[`${name}_draws`]);
  if (name === "b") {
    const [a, b] = [decodeDraws(row.alpha_draws), decodeDraws(row.beta_draws)];
    draws = a.length && a.length === b.length ? a.map((x, i) => x / (x + b[i]!)) : null;
  }
  if (draws && !draws.some(Number.isFinite)) draws = null;
  return {value, lo: lo !== null && hi !== null ? lo : null, hi: lo !== null && hi !== null ? hi : null, edge, unbounded, draws};
}

const Z95 = 1.959964;

/** The standard error of an estimate from its 95% interval (normal approximation), null without one. */
const seOf = (e: Estimate): number | null => (e.lo !== null && e.hi !== null ? (e.hi - e.lo) / (2 * Z95) : null);

/**
 * One-sided p-value against "the quantity is at most c" (small when the quantity is above c):
 * (draws <= c, + 1) / (draws + 1); without draws, the normal approximation from the interval;
 * 1 without either (nothing decided).
 */
export function pAbove(e: Estimate, c: number): number {
  if (e.draws) {
    let wrong = 0;
    let n = 0;
    for (const d of e.draws) {
      if (!Number.isFinite(d)) continue;
      n++;
      if (d <= c) wrong++;
    }
    return (wrong + 1) / (n + 1);
  }
  const se = seOf(e);
  if (se === null) return 1;
  if (se === 0) return e.value > c ? NORMAL_P_FLOOR : 1;
  // The normal approximation's far tail is not to be trusted: floored.
  return Math.max(NORMAL_P_FLOOR, normalCdf((c - e.value) / se));
}

/** Smallest p-value the normal approximation (tables without draws) reports. */
const NORMAL_P_FLOOR = 1e-6;

/** One-sided p-value against "the quantity is at least c" (small when it is below c). */
export function pBelow(e: Estimate, c: number): number {
  const mirrored: Estimate = {...e, value: -e.value, lo: e.hi === null ? null : -e.hi, hi: e.lo === null ? null : -e.lo, draws: e.draws ? e.draws.map((x) => -x) : null};
  return pAbove(mirrored, -c);
}

/** The mean of several estimates of one family (its sets share resamples: the mean is taken per resample). */
function meanEstimate(es: Estimate[]): Estimate {
  const value = mean(es.map((e) => e.value));
  const allDraws = es.every((e) => e.draws) ? es.map((e) => e.draws!) : null;
  if (allDraws) {
    const B = Math.min(...allDraws.map((d) => d.length));
    const draws = Float64Array.from({length: B}, (_, r) => mean(allDraws.map((d) => d[r]!)));
    return {value, lo: null, hi: null, edge: false, unbounded: null, draws};
  }
  const ses = es.map(seOf);
  if (ses.some((x) => x === null)) return {value, lo: null, hi: null, edge: false, unbounded: null, draws: null};
  // Without draws: the sets treated as independent (an approximation; the draws do not need it).
  const se = Math.sqrt(ses.reduce<number>((acc, x) => acc + (x ?? 0) ** 2, 0)) / es.length;
  return {value, lo: value - Z95 * se, hi: value + Z95 * se, edge: false, unbounded: null, draws: null};
}

/** a - b for independent bootstraps: draw r of a minus draw r of b (NaN where either failed). */
function difference(a: Estimate, b: Estimate): Estimate {
  const value = a.value - b.value;
  if (a.draws && b.draws) {
    const fa = a.draws.filter(Number.isFinite);
    const fb = b.draws.filter(Number.isFinite);
    const B = Math.min(fa.length, fb.length);
    return {value, lo: null, hi: null, edge: false, unbounded: null, draws: Float64Array.from({length: B}, (_, r) => fa[r]! - fb[r]!)};
  }
  const [sa, sb] = [seOf(a), seOf(b)];
  if (sa === null || sb === null) return {value, lo: null, hi: null, edge: false, unbounded: null, draws: null};
  const se = Math.hypot(sa, sb);
  return {value, lo: value - Z95 * se, hi: value + Z95 * se, edge: false, unbounded: null, draws: null};
}

const EDGE = " (at the fit's search bound)";

/** "α = 0.52 [0.31, 0.9]"; an end that runs into the search box reads "unbounded below/above"; flagged when the estimate sits on the bound. */
function show(symbol: string, e: Estimate): string {
  let interval = "";
  if (e.lo !== null && e.hi !== null) {
    const lo = e.unbounded === "below" || e.unbounded === "both" ? "unbounded below" : formatNumber(e.lo);
    const hi = e.unbounded === "above" || e.unbounded === "both" ? "unbounded above" : formatNumber(e.hi);
    interval = ` [${lo}, ${hi}]`;
  }
  return `${symbol} = ${formatNumber(e.value)}${interval}${e.edge ? EDGE : ""}`;
}

const ev = (label: string, e: Estimate): Evidence => ({label: e.edge ? `${label}${EDGE}` : e.unbounded ? `${label} (interval unbounded ${e.unbounded === "both" ? "both ways" : e.unbounded})` : label, value: e.value, lo: e.lo, hi: e.hi});
const count = (label: string, value: number): Evidence => ({label, value});

// ---------------------------------------------------------------------------------------
// Units and claims

type Unit = "holds" | "fails" | "unclear";

/** One unit's one-sided p-values: for the claimed side (pHold) and against it (pFail). */
interface UnitTest {
  pHold: number;
  pFail: number;
}

/** A named unit that could not be fitted or compared: it counts, as unclear (never dropped, which would let the others decide alone). */
const UNCLEAR: UnitTest = {pHold: 1, pFail: 1};

export const unitOf = (t: UnitTest): Unit => (t.pHold < UNIT_LEVEL ? "holds" : t.pFail < UNIT_LEVEL ? "fails" : "unclear");

interface Tally {
  holds: number;
  fails: number;
  unclear: number;
}

function tally(tests: UnitTest[]): Tally {
  const units = tests.map(unitOf);
  return {holds: units.filter((u) => u === "holds").length, fails: units.filter((u) => u === "fails").length, unclear: units.filter((u) => u === "unclear").length};
}

export type Scheme = "all" | "nearly-all" | "majority";

export interface Decision {
  /** One-sided p-values of the claim: for it, and against it. */
  pSupport: number;
  pContra: number;
  /** Two-sided p-value of the claim (null without units). */
  p: number | null;
  units: number;
}

/** Combine units into a claim's p-values (see the header: "all", "nearly all", "majority"). */
export function combine(tests: UnitTest[], scheme: Scheme): Decision {
  const n = tests.length;
  if (n === 0) return {pSupport: 1, pContra: 1, p: null, units: 0};
  let pSupport: number;
  let pContra: number;
  if (scheme === "all") {
    pSupport = Math.max(...tests.map((t) => t.pHold));
    pContra = Math.min(1, n * Math.min(...tests.map((t) => t.pFail)));
  } else if (scheme === "nearly-all") {
    const t = tally(tests);
    pSupport = binomialUpper(t.holds, n, NEARLY_ALL + UNIT_LEVEL * (1 - NEARLY_ALL));
    pContra = binomialUpper(t.fails, n, 1 - NEARLY_ALL + UNIT_LEVEL * NEARLY_ALL);
  } else {
    const k = Math.floor(n / 2); // index of the majority-th smallest
    pSupport = holmAdjust(tests.map((t) => t.pHold)).sort((a, b) => a - b)[k]!;
    pContra = holmAdjust(tests.map((t) => t.pFail)).sort((a, b) => a - b)[k]!;
  }
  return {pSupport, pContra, p: Math.min(1, 2 * Math.min(pSupport, pContra)), units: n};
}

/** Exact two-sided binomial sign test: the probability of a split at least this uneven under p = 1/2. */
export function signTest(wins: number, losses: number): number {
  const n = wins + losses;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialUpper(Math.max(wins, losses), n, 0.5));
}

/** One-sided sign test of a paired comparison as a unit: for wins, and for losses. */
function signUnit(wins: number, losses: number): UnitTest {
  const n = wins + losses;
  return n === 0 ? {pHold: 1, pFail: 1} : {pHold: binomialUpper(wins, n, 0.5), pFail: binomialUpper(losses, n, 0.5)};
}

function list(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join("; ")}; and ${parts[parts.length - 1]}`;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

const RULES: Record<Scheme, string> = {
  all: `${DECISION_RULES.all} ${DECISION_RULES.units}`,
  "nearly-all": `${DECISION_RULES.proportion} ${DECISION_RULES.units}`,
  majority: DECISION_RULES.paired
};

/** A finding before the correction over claims: its units' decision, and the sentence for each verdict. */
interface Draft {
  id: string;
  claim: string;
  heads: [string, string, string];
  /** The sentence after the head (null: `fixed` is the whole sentence). */
  body: string | null;
  fixed?: string;
  evidence: Evidence[];
  rule: string;
  decision: Decision;
}

interface Tables {
  fits: readonly TableRow[];
  transfer: readonly TableRow[];
  runs: readonly RunRow[];
}

class Study {
  readonly families: string[];
  readonly oodSets: string[];

  constructor(readonly t: Tables) {
    const fams = new Set<string>();
    for (const r of [...t.fits, ...t.transfer]) if (typeof r.family === "string") fams.add(r.family);
    for (const r of t.runs) fams.add(r.family);
    const known = FAMILY_ORDER;
    this.families = [...known.filter((f) => fams.has(f)), ...[...fams].filter((f) => !known.includes(f)).sort()];
    const sets = new Set<string>();
    for (const r of [...t.fits, ...t.transfer]) if (typeof r.dataset === "string" && r.dataset !== "id") sets.add(r.dataset);
    if (t.runs.length) for (const d of oodDatasets(Object.keys(t.runs[0]))) sets.add(d);
    this.oodSets = [...sets];
  }

  has(family: string): boolean {
    return this.families.includes(family);
  }

  fit(family: string, dataset: string): TableRow | undefined {
    return this.t.fits.find((r) => r.family === family && r.dataset === dataset && r.ok === true);
  }

  transfer(family: string, dataset: string): TableRow | undefined {
    return this.t.transfer.find((r) => r.family === family && r.dataset === dataset && r.ok === true);
  }
}

// ---------------------------------------------------------------------------------------
// In distribution

function slDataBottleneck(s: Study): Draft {
  const claim = "In distribution, supervised (SL) models are bottlenecked by data size rather than model size (β < α, so compute-optimal scaling puts most of each increase into data).";
  const tests: UnitTest[] = [];
  const clauses: string[] = [];
  const evidence: Evidence[] = [];
  for (const family of familiesOfParadigm("sl").filter((f) => s.has(f))) {
    const F = familyLabel(family);
    const row = s.fit(family, "id");
    const alpha = row && estimate(row, "alpha");
    const beta = row && estimate(row, "beta");
    const b = row && estimate(row, "b");
    if (!alpha || !beta || !b) {
      clauses.push(`${F} has no joint-law fit in distribution (an unclear unit)`);
      tests.push(UNCLEAR);
      continue;
    }
    evidence.push(ev(`${F} ID α`, alpha), ev(`${F} ID β`, beta), ev(`${F} ID b = α / (α + β)`, b));
    const test = {pHold: pAbove(b, 0.5), pFail: pBelow(b, 0.5)};
    tests.push(test);
    const unit = unitOf(test);
    if (unit === "holds") clauses.push(`${F}'s loss falls faster with model size (${show("α", alpha)}) than with data (${show("β", beta)}), so more than half of each compute increase should go to data (${show("b", b)})`);
    else if (unit === "fails") clauses.push(`${F}'s loss falls faster with data (${show("β", beta)}) than with model size (${show("α", alpha)}), so model size, not data, is its bottleneck (${show("b", b)})`);
    else clauses.push(`${F}'s exponents cannot be told apart (${show("α", alpha)}, ${show("β", beta)}; ${show("b", b)} reaches one half)`);
  }
  return {
    id: "id-sl-data-bottleneck",
    claim,
    heads: [
      "In distribution, supervised models are data-bottlenecked here, as in the paper",
      "In distribution, supervised models are not data-bottlenecked here, unlike in the paper",
      "Whether supervised models are data-bottlenecked in distribution is not decided by these fits"
    ],
    body: list(clauses) || "no SL family was trained",
    evidence,
    rule: `${RULES.all} The unit: b = α / (α + β) above one half.`,
    decision: combine(tests, "all")
  };
}

/**
 * Does the loss fall with N (or D) within the runs? The slope of log L on log N with one level
 * per D (or the reverse), by least squares: a one-sided t test of a falling loss. Replicates
 * (seeds) are separate points. Null without runs or without a degree of freedom.
 */
export function trendTest(runs: readonly RunRow[], family: string, dataset: string, along: "N" | "D"): {slope: number; pFalls: number; df: number} | null {
  const pts = runs.filter((r) => r.family === family).flatMap((r) => {
    const L = lossOf(r, dataset);
    return L === null || !(L > 0) ? [] : [{x: Math.log(along === "N" ? r.params : r.records), g: along === "N" ? r.records : r.params, y: Math.log(L)}];
  });
  const groups = new Map<number, {x: number; y: number}[]>();
  for (const p of pts) groups.set(p.g, [...(groups.get(p.g) ?? []), p]);
  let sxx = 0;
  let sxy = 0;
  const centred: {x: number; y: number}[] = [];
  for (const members of groups.values()) {
    const mx = mean(members.map((m) => m.x));
    const my = mean(members.map((m) => m.y));
    for (const m of members) centred.push({x: m.x - mx, y: m.y - my});
  }
  for (const c of centred) {
    sxx += c.x * c.x;
    sxy += c.x * c.y;
  }
  const df = pts.length - groups.size - 1;
  if (df < 1 || !(sxx > 0)) return null;
  const slope = sxy / sxx;
  const rss = centred.reduce((acc, c) => acc + (c.y - slope * c.x) ** 2, 0);
  const se = Math.sqrt(rss / df / sxx);
  const pFalls = se > 0 ? 1 - tUpper(slope / se, df) : slope < 0 ? 0 : 1;
  return {slope, pFalls, df};
}

/**
 * Positivity of one exponent. Holds when the loss falls with that size within the runs (trend
 * test) and the exponent's interval lies above EXPONENT_ZERO: the bootstrap alone cannot test an
 * exponent at zero, the edge of its range (with B near 0, beta is not identified and its draws
 * can sit anywhere). Fails when the whole interval lies below EXPONENT_ZERO. Without runs, it
 * cannot hold.
 */
function positivity(e: Estimate, trend: {pFalls: number} | null): UnitTest {
  return {pHold: trend ? Math.max(trend.pFalls, pAbove(e, EXPONENT_ZERO)) : 1, pFail: pBelow(e, EXPONENT_ZERO)};
}

function sslNoBottleneck(s: Study): Draft {
  const claim = "In distribution, self-supervised (SSL) models scale with both model size and data size, with no bottleneck in either (α > 0 and β > 0).";
  const tests: UnitTest[] = [];
  const clauses: string[] = [];
  const evidence: Evidence[] = [];
  for (const family of familiesOfParadigm("ssl").filter((f) => s.has(f))) {
    const F = familyLabel(family);
    const row = s.fit(family, "id");
    const alpha = row && estimate(row, "alpha");
    const beta = row && estimate(row, "beta");
    if (!alpha || !beta) {
      clauses.push(`${F} has no joint-law fit in distribution (two unclear units)`);
      tests.push(UNCLEAR, UNCLEAR);
      continue;
    }
    evidence.push(ev(`${F} ID α`, alpha), ev(`${F} ID β`, beta));
    const [trendN, trendD] = [trendTest(s.t.runs, family, "id", "N"), trendTest(s.t.runs, family, "id", "D")];
    const [ta, tb] = [positivity(alpha, trendN), positivity(beta, trendD)];
    tests.push(ta, tb);
    const [pa, pb] = [unitOf(ta), unitOf(tb)];
    const zero = [pa === "fails" ? "model size" : "", pb === "fails" ? "data" : ""].filter(Boolean).join(" or ");
    if (pa === "holds" && pb === "holds") clauses.push(`${F} gains from both (${show("α", alpha)}, ${show("β", beta)}, intervals clear of zero)`);
    else if (zero) clauses.push(`${F} gains nothing from more ${zero} (${show("α", alpha)}, ${show("β", beta)}, an interval below ${formatNumber(EXPONENT_ZERO)})`);
    else clauses.push(`${F}'s intervals reach zero (${show("α", alpha)}, ${show("β", beta)})`);
  }
  if (clauses.some((c) => c.includes(formatNumber(EXPONENT_ZERO)))) evidence.push(count("an exponent counts as zero below", EXPONENT_ZERO));
  return {
    id: "id-ssl-both",
    claim,
    heads: [
      "In distribution, self-supervised models scale with both model and data size, as in the paper",
      "In distribution, self-supervised models do not scale with both model and data size here, unlike in the paper",
      "Whether self-supervised models scale with both model and data size in distribution is not decided by these fits"
    ],
    body: list(clauses) || "no SSL family was trained",
    evidence,
    rule: `${RULES.all} ${DECISION_RULES.zero}`,
    decision: combine(tests, "all")
  };
}

// ---------------------------------------------------------------------------------------
// Out of distribution: exponents

/** Evidence and words for a "nearly all" claim: units holding, their share and its Clopper-Pearson interval. */
function shareEvidence(t: Tally, n: number, what: string): {evidence: Evidence[]; words: string} {
  const cp = clopperPearson(t.holds, n);
  return {
    evidence: [{label: `share of ${what} that hold (95% Clopper-Pearson interval)`, value: t.holds / n, lo: cp.lo, hi: cp.hi}],
    words: `a share of ${formatNumber(t.holds / n)} [${formatNumber(cp.lo)}, ${formatNumber(cp.hi)}]`
  };
}

function oodPositive(s: Study): Draft {
  const claim = "Out of distribution, every scaling exponent is positive: more parameters and more pre-training data each lower the OOD loss.";
  const tests: UnitTest[] = [];
  const alphas: number[] = [];
  const betas: number[] = [];
  let unbounded = 0;
  let unfitted = 0;
  for (const family of s.families) {
    for (const dataset of s.oodSets) {
      const row = s.fit(family, dataset);
      if (!row) {
        // A fit that was tried and failed: its two exponents count as unclear units.
        if (s.t.fits.some((r) => r.family === family && r.dataset === dataset)) {
          tests.push(UNCLEAR, UNCLEAR);
          unfitted += 2;
        }
        continue;
      }
      for (const [name, into] of [["alpha", alphas], ["beta", betas]] as const) {
        const e = estimate(row, name);
        if (!e) continue;
        tests.push(positivity(e, trendTest(s.t.runs, family, dataset, name === "alpha" ? "N" : "D")));
        into.push(e.value);
        if (e.unbounded) unbounded++;
      }
    }
  }
  const t = tally(tests);
  const heads: [string, string, string] = [
    "Out of distribution, more parameters and more data both lower the loss, as in the paper",
    "Out of distribution, more parameters and more data mostly do not lower the loss here, unlike in the paper",
    "Whether more parameters and more data lower the OOD loss is not decided by these fits"
  ];
  const evidence: Evidence[] = [count("OOD exponents (fitted or not)", tests.length), count("above zero, interval clear of zero", t.holds), count("unclear (interval reaches zero, or not fitted)", t.unclear), count("interval below zero's threshold", t.fails)];
  const rule = `${RULES["nearly-all"]} ${DECISION_RULES.zero}`;
  if (tests.length === unfitted) {
    return {id: "ood-positive", claim, heads, body: null, fixed: "Whether more parameters and more data lower the OOD loss is not decided: no OOD joint law could be fitted.", evidence, rule, decision: combine(tests, "nearly-all")};
  }
  const share = shareEvidence(t, tests.length, "exponents");
  evidence.push(...share.evidence);
  const ranges: string[] = [];
  if (alphas.length) {
    evidence.push({label: "OOD α, smallest and largest", value: Math.min(...alphas), lo: Math.min(...alphas), hi: Math.max(...alphas)});
    ranges.push(`α from ${formatNumber(Math.min(...alphas))} to ${formatNumber(Math.max(...alphas))}`);
  }
  if (betas.length) {
    evidence.push({label: "OOD β, smallest and largest", value: Math.min(...betas), lo: Math.min(...betas), hi: Math.max(...betas)});
    ranges.push(`β from ${formatNumber(Math.min(...betas))} to ${formatNumber(Math.max(...betas))}`);
  }
  const parts = [`${t.holds} of ${tests.length} exponents are above zero with intervals clear of it, ${share.words} (${ranges.join(", ")})`];
  if (t.unclear - unfitted) parts.push(`${t.unclear - unfitted} have intervals that reach zero`);
  if (unfitted) {
    evidence.push(count("exponents of fits that failed (unclear)", unfitted));
    parts.push(`${unfitted} belong to fits that failed and count as unclear`);
  }
  if (t.fails) parts.push(`${t.fails} have their whole interval at zero, a scale-up that did not lower the loss`);
  if (unbounded) {
    evidence.push(count("exponent intervals that run into the search box", unbounded));
    parts.push(`${unbounded} intervals run into the search box (unbounded)`);
  }
  return {id: "ood-positive", claim, heads, body: parts.join("; "), evidence, rule, decision: combine(tests, "nearly-all")};
}

interface Comparison {
  test: UnitTest;
  clause: string;
  evidence: Evidence[];
}

/**
 * Compares an estimate (alpha, beta, kappa) of family `a` against family `b` over the OOD sets
 * both were fitted on: the mean over the sets of each, their ratio, and the bootstrap
 * distribution of the difference of the means (independent draws of the two families).
 */
function compareFamilies(s: Study, source: "fits" | "transfer", name: string, symbol: string, a: string, b: string, sets: string[]): Comparison {
  const [A, B] = [familyLabel(a), familyLabel(b)];
  const ea: Estimate[] = [];
  const eb: Estimate[] = [];
  for (const dataset of sets) {
    const ra = source === "fits" ? s.fit(a, dataset) : s.transfer(a, dataset);
    const rb = source === "fits" ? s.fit(b, dataset) : s.transfer(b, dataset);
    const xa = ra && estimate(ra, name);
    const xb = rb && estimate(rb, name);
    if (!xa || !xb) continue;
    ea.push(xa);
    eb.push(xb);
  }
  if (ea.length === 0) return {test: UNCLEAR, clause: `${A} and ${B} have no ${symbol} fitted on a common set`, evidence: []};
  const [ma, mb] = [meanEstimate(ea), meanEstimate(eb)];
  const diff = difference(ma, mb);
  const test: UnitTest = {pHold: pAbove(diff, 0), pFail: pBelow(diff, 0)};
  const evidence: Evidence[] = [
    count(`${A} mean ${symbol} (sets)`, ma.value),
    count(`${B} mean ${symbol} (sets)`, mb.value),
    count(`sets compared, ${A} vs ${B}`, ea.length),
    count(`p, ${A}'s mean ${symbol} larger (bootstrap of the difference)`, test.pHold),
    count(`p, ${A}'s mean ${symbol} smaller (bootstrap of the difference)`, test.pFail)
  ];
  // A ratio only between two positive means (a ratio to or of a negative kappa says nothing).
  const ratio = mb.value > 0 && ma.value > 0 ? ma.value / mb.value : null;
  if (ratio !== null) evidence.push(count(`${A} / ${B} mean ${symbol}`, ratio));
  // Means that print alike are "about equal", whatever their last digits.
  const direction = formatNumber(ma.value) === formatNumber(mb.value) ? "equal" : ma.value > mb.value ? "larger" : "smaller";
  const ratioText = ratio !== null && direction !== "equal" ? `, ${formatNumber(ratio)} times` : "";
  const unit = unitOf(test);
  const verdictText = unit === "holds" ? `larger beyond the bootstrap's doubt (p = ${formatNumber(test.pHold)})` : unit === "fails" ? `smaller beyond the bootstrap's doubt (p = ${formatNumber(test.pFail)})` : `not told apart by the bootstrap of the difference (p = ${formatNumber(Math.min(test.pHold, test.pFail))} in its direction)`;
  const clause = `${A}'s mean ${symbol} (${formatNumber(ma.value)}) is ${direction === "equal" ? "about equal to" : `${direction} than`} ${B}'s (${formatNumber(mb.value)})${ratioText} over ${ea.length} ${ea.length === 1 ? "set" : "sets"}, ${verdictText}`;
  return {test, clause, evidence};
}

function comparisonFinding(
  s: Study,
  id: string,
  claim: string,
  heads: [string, string, string],
  pairs: [string, string][],
  source: "fits" | "transfer",
  name: string,
  symbol: string,
  sets: string[]
): Draft {
  const tests: UnitTest[] = [];
  const clauses: string[] = [];
  const evidence: Evidence[] = [];
  for (const [a, b] of pairs) {
    if (!s.has(a) || !s.has(b)) continue;
    const c = compareFamilies(s, source, name, symbol, a, b, sets);
    tests.push(c.test);
    clauses.push(c.clause);
    evidence.push(...c.evidence);
  }
  return {id, claim, heads, body: list(clauses) || "the families to compare were not both trained", evidence, rule: `${RULES.all} ${DECISION_RULES.comparison}`, decision: combine(tests, "all")};
}

function resnetParamEfficient(s: Study): Draft {
  return comparisonFinding(
    s,
    "ood-resnet-alpha",
    "Out of distribution, ResNets are more parameter-efficient than Transformers (larger α), in both paradigms.",
    [
      "Out of distribution, ResNets gain more from parameters than Transformers, as in the paper",
      "Out of distribution, Transformers gain more from parameters than ResNets here, unlike in the paper",
      "Whether ResNets gain more from parameters than Transformers out of distribution is not decided by these fits"
    ],
    architecturePairs("resnet", "transformer"),
    "fits",
    "alpha",
    "α",
    s.oodSets
  );
}

function sslDataEfficient(s: Study): Draft {
  return comparisonFinding(
    s,
    "ood-ssl-beta",
    "Out of distribution, SSL is more data-efficient than SL (larger β), for both architectures.",
    [
      "Out of distribution, self-supervised models gain more from data than supervised ones, as in the paper",
      "Out of distribution, supervised models gain more from data than self-supervised ones here, unlike in the paper",
      "Whether self-supervised models gain more from data out of distribution is not decided by these fits"
    ],
    paradigmPairs("ssl", "sl"),
    "fits",
    "beta",
    "β",
    s.oodSets
  );
}

// ---------------------------------------------------------------------------------------
// Loss-to-loss transfer

/** kappa < 1 as a unit: the whole interval inside (0, 1) holds; the whole interval above one fails. */
function kappaUnit(k: Estimate): UnitTest {
  return {pHold: Math.max(pBelow(k, 1), pAbove(k, 0)), pFail: pAbove(k, 1)};
}

function transferBottleneck(s: Study): Draft {
  const claim = "Distribution shift is a transfer bottleneck: the transfer exponent κ is below one in nearly all conditions (OOD gains shrink as the ID loss improves).";
  const tests: UnitTest[] = [];
  const kappas: number[] = [];
  let nonPositive = 0;
  let dropping = 0;
  let unfitted = 0;
  for (const r of s.t.transfer) {
    if (r.ok !== true) {
      tests.push(UNCLEAR);
      unfitted++;
      continue;
    }
    const k = estimate(r, "kappa");
    if (!k) continue;
    kappas.push(k.value);
    tests.push(kappaUnit(k));
    if (k.value <= 0) nonPositive++;
    if ((num(r.dropped) ?? 0) > 0) dropping++;
  }
  const t = tally(tests);
  const heads: [string, string, string] = [
    "Distribution shift limits transfer here, as in the paper",
    "Distribution shift does not limit transfer here, unlike in the paper",
    "Whether distribution shift limits transfer is not decided by these fits"
  ];
  const evidence: Evidence[] = [count("transfer laws (fitted or not)", tests.length), count("κ between zero and one (interval)", t.holds), count("κ above one (interval)", t.fails), count("interval reaches one or zero, or not fitted", t.unclear)];
  const rule = `${RULES["nearly-all"]} ${DECISION_RULES.kappa}`;
  if (tests.length === unfitted) {
    return {id: "transfer-bottleneck", claim, heads, body: null, fixed: "Whether distribution shift limits transfer is not decided: no loss-to-loss law could be fitted.", evidence, rule, decision: combine(tests, "nearly-all")};
  }
  const share = shareEvidence(t, tests.length, "transfer laws");
  evidence.push(...share.evidence, {label: "κ, smallest and largest", value: Math.min(...kappas), lo: Math.min(...kappas), hi: Math.max(...kappas)});
  let body = `κ lies between zero and one with its whole interval on ${t.holds} of ${tests.length} family–set pairs (${share.words}), above one on ${t.fails}, and undecided on ${t.unclear}${unfitted ? `, ${unfitted} of them not fitted` : ""} (κ from ${formatNumber(Math.min(...kappas))} to ${formatNumber(Math.max(...kappas))})`;
  if (unfitted) evidence.push(count("transfer laws not fitted (unclear)", unfitted));
  if (nonPositive) {
    evidence.push(count("κ at or below zero (never counted as holding)", nonPositive));
    body += `; ${nonPositive} fitted κ are at or below zero, which never counts as a bottleneck`;
  }
  if (dropping) {
    evidence.push(count("transfer laws that dropped runs at or below a floor", dropping));
    body += `; ${dropping} laws had to drop runs at or below a floor (see the Transfer page)`;
  }
  return {id: "transfer-bottleneck", claim, heads, body, evidence, rule, decision: combine(tests, "nearly-all")};
}

function sslTransfer(s: Study): Draft {
  return comparisonFinding(
    s,
    "transfer-ssl-kappa",
    "SSL transfers ID gains to OOD tasks more efficiently than SL (larger κ), for both architectures.",
    [
      "Self-supervised models transfer ID gains to OOD tasks more efficiently than supervised ones, as in the paper",
      "Supervised models transfer ID gains more efficiently than self-supervised ones here, unlike in the paper",
      "Whether self-supervised models transfer ID gains more efficiently is not decided by these fits"
    ],
    paradigmPairs("ssl", "sl"),
    "transfer",
    "kappa",
    "κ",
    s.oodSets
  );
}

function unseenTransfer(s: Study): Draft {
  const sets = UNSEEN_TASKS.filter((d) => s.oodSets.includes(d));
  const f = comparisonFinding(
    s,
    "unseen-ssl-kappa",
    "On unseen clinical tasks (structural heart disease, acute care), SSL's transfer exponent is far higher than SL's.",
    [
      `On the unseen clinical tasks (${sets.join(", ")}), self-supervised models transfer more efficiently, as in the paper`,
      `On the unseen clinical tasks (${sets.join(", ")}), supervised models transfer more efficiently here, unlike in the paper`,
      `Whether self-supervised models transfer more efficiently on unseen clinical tasks${sets.length ? ` (${sets.join(", ")})` : ""} is not decided by these fits`
    ],
    paradigmPairs("ssl", "sl"),
    "transfer",
    "kappa",
    "κ",
    sets
  );
  if (sets.length === 0) return {...f, body: null, fixed: "Whether self-supervised models transfer more efficiently on unseen clinical tasks is not decided: the study probes none of them.", evidence: [], decision: combine([], "all")};
  return f;
}

// ---------------------------------------------------------------------------------------
// Absolute losses of paired runs

/** Paired runs of two families of one architecture: same size label, data size and seed; losses on one set. */
function pairedLosses(runs: readonly RunRow[], a: string, b: string, set: string): {a: number; b: number}[] {
  const out: {a: number; b: number}[] = [];
  const key = (r: RunRow) => `${r.size}|${r.records}|${r.seed}`;
  const others = new Map(runs.filter((r) => r.family === b).map((r) => [key(r), r]));
  for (const ra of runs.filter((r) => r.family === a)) {
    const rb = others.get(key(ra));
    if (!rb) continue;
    const [la, lb] = [lossOf(ra, set), lossOf(rb, set)];
    if (la !== null && lb !== null) out.push({a: la, b: lb});
  }
  return out;
}

interface TaskUnit {
  task: string;
  wins: number;
  losses: number;
  test: UnitTest;
}

function taskWords(units: TaskUnit[], winner: string): string {
  return units.map((u) => `${u.task}: ${winner} lower in ${u.wins} of ${u.wins + u.losses} pairs`).join(", ");
}

function taskEvidence(units: TaskUnit[], prefix = ""): Evidence[] {
  return units.flatMap((u) => [count(`${prefix}${u.task}: pairs won`, u.wins), count(`${prefix}${u.task}: pairs compared`, u.wins + u.losses)]);
}

function pairedFinding(s: Study, id: string, claim: string, heads: [string, string, string], pairs: [string, string][], sets: string[], scheme: "all" | "majority"): Draft {
  const units: TaskUnit[] = [];
  const clauses: string[] = [];
  const evidence: Evidence[] = [];
  for (const [a, b] of pairs) {
    const own: TaskUnit[] = [];
    for (const task of sets) {
      const paired = pairedLosses(s.t.runs, a, b, task);
      // Both families trained but no pair on this task: an unclear unit, not a missing one.
      if (!paired.length && !(s.has(a) && s.has(b) && s.t.runs.some((r) => r.family === a))) continue;
      const wins = paired.filter((x) => x.a < x.b).length;
      const losses = paired.filter((x) => x.a > x.b).length;
      own.push({task, wins, losses, test: signUnit(wins, losses)});
    }
    if (!own.length) continue;
    units.push(...own);
    const label = `${familyLabel(a)} vs ${familyLabel(b)}`;
    evidence.push(...taskEvidence(own, `${label}, `));
    clauses.push(`${label}, runs of the same size, data and seed (${taskWords(own, familyLabel(a))})`);
  }
  const t = tally(units.map((u) => u.test));
  evidence.push(count("tasks where the first family is lower (sign test per task)", t.holds), count("tasks where it is higher", t.fails), count("tasks compared", units.length));
  const body = units.length
    ? `${list(clauses)}; the first family is lower on ${t.holds} and higher on ${t.fails} of ${units.length} task comparisons by a sign test per task`
    : null;
  return {
    id,
    claim,
    heads,
    body,
    fixed: body === null ? `${heads[2]}: no paired runs with these losses.` : undefined,
    evidence,
    rule: `${DECISION_RULES.paired} ${scheme === "all" ? DECISION_RULES.all : "Supported when a majority of the tasks hold after Holm's correction across the tasks; contradicted the same way."}`,
    decision: combine(units.map((u) => u.test), scheme)
  };
}

function unseenLoss(s: Study): Draft {
  const sets = UNSEEN_TASKS.filter((d) => s.oodSets.includes(d) || s.t.runs.some((r) => typeof r[oodColumn(d, "loss")] === "number"));
  const f = pairedFinding(
    s,
    "unseen-ssl-loss",
    "On unseen clinical tasks, SSL reaches a lower OOD loss than SL within the observed scales.",
    [
      "On unseen clinical tasks, self-supervised models reach the lower loss, as in the paper",
      "On unseen clinical tasks, supervised models reach the lower loss here, unlike in the paper",
      "Whether self-supervised models reach the lower loss on unseen clinical tasks is not decided by these runs"
    ],
    paradigmPairs("ssl", "sl"),
    sets,
    "all"
  );
  if (sets.length === 0) return {...f, body: null, fixed: "Whether self-supervised models reach the lower loss on unseen clinical tasks is not decided: the study probes none of them.", evidence: []};
  return f;
}

function transformerSslOverSl(s: Study): Draft {
  return pairedFinding(
    s,
    "transformer-ssl-over-sl",
    "Transformer-SSL outperforms Transformer-SL out of distribution across all observed scales.",
    [
      "Out of distribution, Transformer-SSL beats Transformer-SL, as in the paper",
      "Out of distribution, Transformer-SL beats Transformer-SSL here, unlike in the paper",
      "Whether Transformer-SSL beats Transformer-SL out of distribution is not decided by these runs"
    ],
    [[familyOf("transformer", "ssl"), familyOf("transformer", "sl")]],
    s.oodSets,
    "majority"
  );
}

function resnetLowestLoss(s: Study): Draft {
  const claim = "Across the observed scales, ResNet-based models generally achieve the lowest absolute OOD loss.";
  const archOf = architectureOfFamily;
  const paradigmOf = paradigmOfFamily;
  const heads: [string, string, string] = [
    "Across the observed scales, ResNets reach the lowest OOD loss, as in the paper",
    "Across the observed scales, Transformers reach the lowest OOD loss here, unlike in the paper",
    "Whether ResNets reach the lowest OOD loss is not decided by these runs"
  ];
  const units: TaskUnit[] = [];
  const present = new Set(s.t.runs.map((r) => archOf(r.family)));
  if (present.has("resnet") && present.has("transformer")) {
    for (const task of s.oodSets) {
      // One pair per (paradigm, D, seed): the best ResNet against the best Transformer over model sizes.
      const best = new Map<string, {resnet?: number; transformer?: number}>();
      for (const r of s.t.runs) {
        const L = lossOf(r, task);
        if (L === null) continue;
        const key = `${paradigmOf(r.family)}|${r.records}|${r.seed}`;
        const cell = best.get(key) ?? {};
        const arch = archOf(r.family) as "resnet" | "transformer";
        cell[arch] = Math.min(cell[arch] ?? Infinity, L);
        best.set(key, cell);
      }
      const pairs = [...best.values()].filter((c) => c.resnet !== undefined && c.transformer !== undefined);
      if (!pairs.length) continue;
      const wins = pairs.filter((c) => c.resnet! < c.transformer!).length;
      const losses = pairs.filter((c) => c.resnet! > c.transformer!).length;
      units.push({task, wins, losses, test: signUnit(wins, losses)});
    }
  }
  const t = tally(units.map((u) => u.test));
  const evidence: Evidence[] = [...taskEvidence(units), count("tasks won by ResNets (sign test per task)", t.holds), count("tasks won by Transformers", t.fails), count("tasks compared", units.length)];
  const rule = `Per OOD task, one pair per paradigm, data size and seed: the best ResNet against the best Transformer over the model sizes; an exact one-sided sign test per task. ${"Supported when a majority of the tasks hold after Holm's correction across the tasks; contradicted the same way."}`;
  if (!units.length) return {id: "ood-resnet-lowest", claim, heads, body: null, fixed: `${heads[2]}: the study has no OOD losses of both architectures.`, evidence, rule, decision: combine([], "majority")};
  const body = `the best ResNet beats the best Transformer of the same paradigm, data size and seed on ${t.holds} of ${units.length} tasks by a sign test per task, and loses on ${t.fails} (${taskWords(units, "ResNet")})`;
  return {id: "ood-resnet-lowest", claim, heads, body, evidence, rule, decision: combine(units.map((u) => u.test), "majority")};
}

// ---------------------------------------------------------------------------------------
// Compute-optimal allocation

function allocation(s: Study): Draft {
  const claim = "Under compute-optimal allocation, supervised models put most of each compute increase into data (b > a), while Transformer-SSL puts most of it into model size (a > b).";
  const tests: UnitTest[] = [];
  const clauses: string[] = [];
  const evidence: Evidence[] = [];
  const plan: [string, "data" | "model"][] = [[familyOf("resnet", "sl"), "data"], [familyOf("transformer", "sl"), "data"], [familyOf("transformer", "ssl"), "model"]];
  for (const [family, favours] of plan.filter(([f]) => s.has(f))) {
    const F = familyLabel(family);
    const own: UnitTest[] = [];
    const bs: number[] = [];
    const measured: number[] = [];
    for (const dataset of ["id", ...s.oodSets]) {
      const row = s.fit(family, dataset);
      const b = row && estimate(row, "b");
      if (!row || !b) {
        if (s.t.fits.some((r) => r.family === family && r.dataset === dataset)) own.push(UNCLEAR);
        continue;
      }
      bs.push(b.value);
      const bm = num(row.alloc_b);
      if (bm !== null) measured.push(bm);
      const toData = {pHold: pAbove(b, 0.5), pFail: pBelow(b, 0.5)};
      own.push(favours === "data" ? toData : {pHold: toData.pFail, pFail: toData.pHold});
    }
    if (bs.length === 0) {
      clauses.push(`${F} has no joint-law fit`);
      tests.push(...own);
      continue;
    }
    tests.push(...own);
    const t = tally(own);
    const [toData, toModel] = favours === "data" ? [t.holds, t.fails] : [t.fails, t.holds];
    evidence.push(
      count(`${F}: sets where data gets most (b interval above one half)`, toData),
      count(`${F}: sets where model size gets most (b interval below one half)`, toModel),
      count(`${F}: sets`, own.length),
      count(`${F}: sets not fitted (unclear)`, own.length - bs.length),
      {label: `${F} b, smallest and largest`, value: Math.min(...bs), lo: Math.min(...bs), hi: Math.max(...bs)}
    );
    let clause = `${F} gives data the larger share on ${toData} and model size on ${toModel} of ${own.length} sets${own.length > bs.length ? ` (${own.length - bs.length} not fitted)` : ""} (b from ${formatNumber(Math.min(...bs))} to ${formatNumber(Math.max(...bs))})`;
    if (measured.length) {
      evidence.push({label: `${F} b with the measured MACs(N) exponent p, smallest and largest`, value: Math.min(...measured), lo: Math.min(...measured), hi: Math.max(...measured)});
      clause += `, ${formatNumber(Math.min(...measured))} to ${formatNumber(Math.max(...measured))} with the measured MACs(N) exponent`;
    }
    clauses.push(clause);
  }
  const t = tally(tests);
  let body = list(clauses) || "the families concerned were not trained";
  if (tests.length) {
    const share = shareEvidence(t, tests.length, "fits");
    evidence.push(...share.evidence);
    evidence.push(count("fits on the claimed side", t.holds), count("fits", tests.length));
    body += `; the claimed side holds on ${t.holds} of ${tests.length} fits, ${share.words}`;
  }
  return {
    id: "allocation",
    claim,
    heads: [
      "Compute-optimal allocation favours data for supervised models and model size for Transformer-SSL, as in the paper",
      "Compute-optimal allocation goes the other way here, unlike in the paper",
      "The compute-optimal split between model and data is not decided by these fits"
    ],
    body,
    evidence,
    rule: `${RULES["nearly-all"]} b = α / (α + β) is the share of each compute increase that goes to data (the paper's C ∝ N D); a = 1 − b goes to model size.`,
    decision: combine(tests, "nearly-all")
  };
}

/** The paper's findings, decided on this study's fits, transfer laws and runs (Holm's correction over the claims). */
export function findings(fits: readonly TableRow[], transfer: readonly TableRow[], runs: readonly RunRow[]): Finding[] {
  const s = new Study({fits, transfer, runs});
  const drafts = [
    slDataBottleneck(s),
    sslNoBottleneck(s),
    oodPositive(s),
    resnetParamEfficient(s),
    sslDataEfficient(s),
    transferBottleneck(s),
    sslTransfer(s),
    unseenTransfer(s),
    unseenLoss(s),
    resnetLowestLoss(s),
    transformerSslOverSl(s),
    allocation(s)
  ];
  const raw = drafts.map((d) => (d.decision.p === null ? NaN : d.decision.p));
  const adjusted = holmAdjust(raw);
  const tested = raw.filter(Number.isFinite).length;
  return drafts.map((d, i) => {
    const pAdj = adjusted[i]!;
    const decided = Number.isFinite(pAdj) && pAdj < SIGNIFICANCE;
    const supported: Support = decided ? d.decision.pSupport <= d.decision.pContra : "undetermined";
    const evidence = [...d.evidence];
    let text: string;
    if (d.body === null) text = d.fixed ?? d.heads[2];
    else {
      const head = supported === true ? d.heads[0] : supported === false ? d.heads[1] : d.heads[2];
      if (Number.isFinite(pAdj)) {
        evidence.push(count("claim p (two-sided)", raw[i]!), count("claim p after Holm's correction", pAdj), count("claims tested (Holm)", tested));
        text = `${head}: ${d.body} (claim p = ${formatNumber(raw[i]!)}, ${formatNumber(pAdj)} after Holm's correction over ${tested} claims).`;
      } else text = `${head}: ${d.body}.`;
    }
    return {id: d.id, claim: d.claim, text, supported, evidence, rule: `${d.rule} ${DECISION_RULES.claims}`, p: Number.isFinite(raw[i]!) ? raw[i]! : null, pAdjusted: Number.isFinite(pAdj) ? pAdj : null, pSupport: d.decision.p === null ? null : d.decision.pSupport, pContra: d.decision.p === null ? null : d.decision.pContra};
  });
}

// Keep the label maps reachable for pages that print architecture and paradigm names.
export const LABELS = {family: Object.fromEntries(SITE_FAMILIES.map((f) => [f.name, f.displayName])), architecture: ARCHITECTURE_NAMES, paradigm: PARADIGM_NAMES};
