// The twelve claims in the paper's order, decided together with Holm's correction over the claims.
import {ARCHITECTURE_NAMES, PARADIGM_NAMES, SITE_FAMILIES} from "../../families.js";
import {holmAdjust} from "../../scaling/distributions.js";
import {type RunRow} from "../run-row.js";
import {allocation} from "./allocation.js";
import {slDataBottleneck, sslNoBottleneck} from "./in-distribution.js";
import {oodPositive, resnetParamEfficient, sslDataEfficient} from "./ood-exponents.js";
import {resnetLowestLoss, transformerSslOverSl, unseenLoss} from "./paired-losses.js";
import {SIGNIFICANCE} from "./rules.js";
import {Study} from "./study.js";
import {sslTransfer, transferBottleneck, unseenTransfer} from "./transfer.js";
import {type Finding, type Support, type TableRow} from "./types.js";
import {DECISION_RULES, count, formatNumber} from "./wording.js";

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
