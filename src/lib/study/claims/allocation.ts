// The claim about compute-optimal allocation.
import {familyLabel, familyOf} from "../../families.js";
import {UNCLEAR, type UnitTest, combine, estimate, pAbove, pBelow, tally} from "./statistics.js";
import {Study} from "./study.js";
import {type Draft, type Evidence, num} from "./types.js";
import {RULES, count, formatNumber, list, shareEvidence} from "./wording.js";

export function allocation(s: Study): Draft {
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
