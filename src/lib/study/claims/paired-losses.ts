// Claims about absolute OOD losses of paired runs (sign tests per task).
import {architectureOfFamily, familyLabel, familyOf, paradigmOfFamily, paradigmPairs} from "../../families.js";
import {UNSEEN_TASKS} from "../../tasks.js";
import {type RunRow, lossOf, oodColumn} from "../run-row.js";
import {type UnitTest, combine, signUnit, tally} from "./statistics.js";
import {Study} from "./study.js";
import {type Draft, type Evidence} from "./types.js";
import {DECISION_RULES, count, list} from "./wording.js";

/** Paired runs of two families of one architecture: same size label, data size and seed; losses on one set. */
export function pairedLosses(runs: readonly RunRow[], a: string, b: string, set: string): {a: number; b: number}[] {
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

export interface TaskUnit {
  task: string;
  wins: number;
  losses: number;
  test: UnitTest;
}

export function taskWords(units: TaskUnit[], winner: string): string {
  return units.map((u) => `${u.task}: ${winner} lower in ${u.wins} of ${u.wins + u.losses} pairs`).join(", ");
}

export function taskEvidence(units: TaskUnit[], prefix = ""): Evidence[] {
  return units.flatMap((u) => [count(`${prefix}${u.task}: pairs won`, u.wins), count(`${prefix}${u.task}: pairs compared`, u.wins + u.losses)]);
}

export function pairedFinding(s: Study, id: string, claim: string, heads: [string, string, string], pairs: [string, string][], sets: string[], scheme: "all" | "majority"): Draft {
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

export function unseenLoss(s: Study): Draft {
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

export function transformerSslOverSl(s: Study): Draft {
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

export function resnetLowestLoss(s: Study): Draft {
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

// Compute-optimal allocation
