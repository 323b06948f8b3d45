// Claims about out-of-distribution scaling exponents and family comparisons.
import {architecturePairs, familyLabel, paradigmPairs} from "../../families.js";
import {type Estimate, UNCLEAR, type UnitTest, combine, difference, estimate, meanEstimate, pAbove, pBelow, positivity, tally, trendTest, unitOf} from "./statistics.js";
import {Study} from "./study.js";
import {type Draft, type Evidence} from "./types.js";
import {DECISION_RULES, RULES, count, formatNumber, list, shareEvidence} from "./wording.js";

export function oodPositive(s: Study): Draft {
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

export interface Comparison {
  test: UnitTest;
  clause: string;
  evidence: Evidence[];
}

/**
 * Compares an estimate (alpha, beta, kappa) of family `a` against family `b` over the OOD sets
 * both were fitted on: the mean over the sets of each, their ratio, and the bootstrap
 * distribution of the difference of the means (independent draws of the two families).
 */
export function compareFamilies(s: Study, source: "fits" | "transfer", name: string, symbol: string, a: string, b: string, sets: string[]): Comparison {
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

export function comparisonFinding(
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

export function resnetParamEfficient(s: Study): Draft {
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

export function sslDataEfficient(s: Study): Draft {
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

// Loss-to-loss transfer
