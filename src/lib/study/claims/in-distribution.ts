// Claims about in-distribution scaling (paper section 5.1).
import {familiesOfParadigm, familyLabel} from "../../families.js";
import {EXPONENT_ZERO} from "./rules.js";
import {UNCLEAR, type UnitTest, combine, estimate, pAbove, pBelow, positivity, trendTest, unitOf} from "./statistics.js";
import {Study} from "./study.js";
import {type Draft, type Evidence} from "./types.js";
import {DECISION_RULES, RULES, count, ev, formatNumber, list, show} from "./wording.js";

export function slDataBottleneck(s: Study): Draft {
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

export function sslNoBottleneck(s: Study): Draft {
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

// Out of distribution: exponents
