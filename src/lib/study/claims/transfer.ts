// Claims about loss-to-loss transfer (the exponent kappa).
import {paradigmPairs} from "../../families.js";
import {UNSEEN_TASKS} from "../../tasks.js";
import {comparisonFinding} from "./ood-exponents.js";
import {UNCLEAR, type UnitTest, combine, estimate, kappaUnit, tally} from "./statistics.js";
import {Study} from "./study.js";
import {type Draft, type Evidence, num} from "./types.js";
import {DECISION_RULES, RULES, count, formatNumber, shareEvidence} from "./wording.js";

export function transferBottleneck(s: Study): Draft {
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

export function sslTransfer(s: Study): Draft {
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

export function unseenTransfer(s: Study): Draft {
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

// Absolute losses of paired runs
