// The statistics of the findings, reusable by other claim sets: estimates with bootstrap draws, one-sided p-values,
// units (holds / fails / unclear), combining units into a claim, sign and trend tests.
import {binomialUpper, holmAdjust, normalCdf, tUpper} from "../../scaling/distributions.js";
import {decodeDraws} from "../fits.js";
import {type RunRow, lossOf} from "../run-row.js";
import {EXPONENT_ZERO, NEARLY_ALL, UNIT_LEVEL} from "./rules.js";
import {type TableRow, num} from "./types.js";

export interface Estimate {
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

export function estimate(row: TableRow, name: string): Estimate | null {
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

export const Z95 = 1.959964;

/** The standard error of an estimate from its 95% interval (normal approximation), null without one. */
export const seOf = (e: Estimate): number | null => (e.lo !== null && e.hi !== null ? (e.hi - e.lo) / (2 * Z95) : null);

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
export const NORMAL_P_FLOOR = 1e-6;

/** One-sided p-value against "the quantity is at least c" (small when it is below c). */
export function pBelow(e: Estimate, c: number): number {
  const mirrored: Estimate = {...e, value: -e.value, lo: e.hi === null ? null : -e.hi, hi: e.lo === null ? null : -e.lo, draws: e.draws ? e.draws.map((x) => -x) : null};
  return pAbove(mirrored, -c);
}

/** The mean of several estimates of one family (its sets share resamples: the mean is taken per resample). */
export function meanEstimate(es: Estimate[]): Estimate {
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
export function difference(a: Estimate, b: Estimate): Estimate {
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

export type Unit = "holds" | "fails" | "unclear";

/** One unit's one-sided p-values: for the claimed side (pHold) and against it (pFail). */
export interface UnitTest {
  pHold: number;
  pFail: number;
}

/** A named unit that could not be fitted or compared: it counts, as unclear (never dropped, which would let the others decide alone). */
export const UNCLEAR: UnitTest = {pHold: 1, pFail: 1};

export const unitOf = (t: UnitTest): Unit => (t.pHold < UNIT_LEVEL ? "holds" : t.pFail < UNIT_LEVEL ? "fails" : "unclear");

export interface Tally {
  holds: number;
  fails: number;
  unclear: number;
}

export function tally(tests: UnitTest[]): Tally {
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
export function signUnit(wins: number, losses: number): UnitTest {
  const n = wins + losses;
  return n === 0 ? {pHold: 1, pFail: 1} : {pHold: binomialUpper(wins, n, 0.5), pFail: binomialUpper(losses, n, 0.5)};
}

export const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

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
export function positivity(e: Estimate, trend: {pFalls: number} | null): UnitTest {
  return {pHold: trend ? Math.max(trend.pFalls, pAbove(e, EXPONENT_ZERO)) : 1, pFail: pBelow(e, EXPONENT_ZERO)};
}

/** kappa < 1 as a unit: the whole interval inside (0, 1) holds; the whole interval above one fails. */
export function kappaUnit(k: Estimate): UnitTest {
  return {pHold: Math.max(pBelow(k, 1), pAbove(k, 0)), pFail: pAbove(k, 1)};
}
