/**
 * An audit of a study's stored runs: do its instruments measure? For each OOD task, how many
 * probes beat the constant predictor; for each family and data size, whether the ID loss falls
 * with N within the standard errors; whether every record carries its standard errors and its
 * chosen checkpoint; how large evaluation noise is against the losses; and, given the simple-feature
 * baselines (training/eval/feature-baseline.ts), whether each task's best probe beats its baseline and its
 * constant predictor (src/lib/study/baselines.ts: unpaired z on the two standard errors). Pure: the `audit`
 * command prints it and a unit test holds the committed study to it.
 */
import {BASELINE_Z, compareToBaselines, verdictText, type BaselineComparison, type BaselineScore, type ProbeCandidate} from "../../src/lib/study/baselines.js";
import type {TrainConfig, RunRecord} from "../../training/models.js";

export interface AuditRun {
  key: string;
  config: TrainConfig;
  result: RunRecord;
}

export interface TaskAudit {
  dataset: string;
  runs: number;
  /** Probes whose test loss is below the constant predictor's by more than two standard errors. */
  beatConstant: number;
  /** Probes whose test loss is above the constant predictor's. */
  loseToConstant: number;
  /** Probes with macro AUROC above 0.6. */
  aurocAbove06: number;
  /** Every probe loses to the constant predictor while some has AUROC above 0.6: the probe, not the features, fails. */
  probeFailure: boolean;
  convergedProbes: number;
  medianRelativeSe: number;
}

export interface MonotonicityAudit {
  family: string;
  /** Neighbouring model sizes compared at the same D and seed. */
  pairs: number;
  /** Pairs where the larger model's ID loss is above the smaller's by more than two joint standard errors. */
  violations: {records: number; seed: number; smallerN: number; largerN: number; difference: number; se: number}[];
}

export interface StudyAudit {
  runs: number;
  /** Runs whose record carries the chosen checkpoint and standard errors of every loss. */
  complete: number;
  tasks: TaskAudit[];
  monotonicity: MonotonicityAudit[];
  medianIdRelativeSe: number;
  /** Per OOD task with a baseline: constant, baseline and best probe (only when baselines were given). */
  baselines?: BaselineComparison[];
}

/** Every run's probe on each dataset, as the baseline comparison takes them. */
export function probeCandidates(runs: readonly AuditRun[], datasets: readonly string[]): ProbeCandidate[] {
  return runs.flatMap((r) =>
    datasets.flatMap((dataset) => {
      const o = r.result.best.ood[dataset];
      return o ? [{dataset, key: r.key, family: r.config.family, N: r.result.params, D: r.config.records, loss: o.loss, lossSe: o.lossSe ?? null, auroc: o.auroc ?? null, constantLoss: o.constantLoss ?? null}] : [];
    })
  );
}

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

export function auditStudy(runs: readonly AuditRun[], datasets: readonly string[], baselines?: readonly BaselineScore[]): StudyAudit {
  const complete = runs.filter((r) => {
    const b = r.result.best;
    return b.step !== undefined && Number.isFinite(b.idLossSe) && datasets.every((d) => Number.isFinite(b.ood[d]?.lossSe) && Number.isFinite(b.ood[d]?.constantLoss));
  }).length;

  const tasks = datasets.map((dataset): TaskAudit => {
    const scores = runs.map((r) => ({o: r.result.best.ood[dataset], probe: r.result.evaluations.flatMap((e) => e.ood).find((x) => x.dataset === dataset)})).filter((s) => s.o);
    const beat = scores.filter(({o}) => o!.constantLoss !== undefined && o!.lossSe !== undefined && o!.loss < o!.constantLoss - 2 * o!.lossSe).length;
    const lose = scores.filter(({o}) => o!.constantLoss !== undefined && o!.loss > o!.constantLoss).length;
    const auroc = scores.filter(({o}) => (o!.auroc ?? 0) > 0.6).length;
    return {
      dataset,
      runs: scores.length,
      beatConstant: beat,
      loseToConstant: lose,
      aurocAbove06: auroc,
      probeFailure: scores.length > 0 && lose === scores.length && auroc > 0,
      convergedProbes: scores.filter(({probe}) => probe?.converged === true).length,
      medianRelativeSe: median(scores.map(({o}) => (o!.lossSe ?? NaN) / o!.loss))
    };
  });

  const families = [...new Set(runs.map((r) => r.config.family))];
  const monotonicity = families.map((family): MonotonicityAudit => {
    const cells = new Map<string, AuditRun[]>();
    for (const r of runs.filter((x) => x.config.family === family)) {
      const k = `${r.config.records}/${r.config.seed}`;
      cells.set(k, [...(cells.get(k) ?? []), r]);
    }
    let pairs = 0;
    const violations: MonotonicityAudit["violations"] = [];
    for (const group of cells.values()) {
      const bySize = group.slice().sort((a, b) => a.result.params - b.result.params);
      for (let i = 1; i < bySize.length; i++) {
        const [small, large] = [bySize[i - 1].result, bySize[i].result];
        const se = Math.hypot(small.best.idLossSe ?? NaN, large.best.idLossSe ?? NaN);
        const difference = large.best.idLoss - small.best.idLoss;
        pairs++;
        if (!(difference <= 2 * se)) violations.push({records: bySize[i].config.records, seed: bySize[i].config.seed, smallerN: small.params, largerN: large.params, difference, se});
      }
    }
    return {family, pairs, violations};
  });

  const withBaselines = baselines ? {baselines: compareToBaselines(baselines.filter((b) => datasets.includes(b.dataset)), probeCandidates(runs, datasets))} : {};
  return {runs: runs.length, complete, tasks, monotonicity, medianIdRelativeSe: median(runs.map((r) => (r.result.best.idLossSe ?? NaN) / r.result.best.idLoss)), ...withBaselines};
}

/** The audit as text lines for a terminal. */
export function formatAudit(a: StudyAudit): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const lines = [
    `${a.runs} runs; ${a.complete} carry the chosen checkpoint and a standard error for every loss; median ID test-loss SE ${pct(a.medianIdRelativeSe)} of the loss`,
    "",
    "OOD probes against the constant predictor (training-split prevalences):",
    ...a.tasks.map(
      (t) =>
        `  ${t.dataset.padEnd(13)} ${String(t.beatConstant).padStart(3)} of ${t.runs} beat it by > 2 SE, ${String(t.loseToConstant).padStart(3)} lose to it; AUROC > 0.6 in ${t.aurocAbove06}; converged ${t.convergedProbes}/${t.runs}; median SE ${pct(t.medianRelativeSe)}${t.probeFailure ? "  <- every probe loses while AUROC > 0.6: the probe fails" : ""}`
    ),
    "",
    "ID loss against model size at the same D and seed (a violation: the larger model worse by > 2 joint SE):",
    ...a.monotonicity.map(
      (m) =>
        `  ${m.family.padEnd(16)} ${m.violations.length} of ${m.pairs} neighbouring pairs violate` +
        (m.violations.length ? `: ${m.violations.map((v) => `D=${v.records} seed ${v.seed} N ${v.smallerN}->${v.largerN} +${v.difference.toPrecision(2)} (SE ${v.se.toPrecision(2)})`).join("; ")}` : "")
    )
  ];
  if (a.baselines) {
    const f = (x: number | null | undefined, digits = 4) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "–");
    const beats = a.baselines.filter((c) => c.verdict === "beats" && c.probeBeatsConstant).length;
    lines.push(
      "",
      `Each OOD task: constant predictor, simple-feature baseline (loss ± SE, AUROC), best probe (loss ± SE, AUROC); unpaired z = (baseline - probe) / sqrt(SE_b^2 + SE_p^2), "beats" at z > ${BASELINE_Z}:`,
      ...a.baselines.map(
        (c) =>
          `  ${c.dataset.padEnd(13)} constant ${f(c.constantLoss)}  baseline ${f(c.baselineLoss)} ± ${f(c.baselineSe)} AUROC ${f(c.baselineAuroc, 3)}${c.baselineBeatsConstant ? "" : " (not below the constant)"}  ` +
          (c.best ? `best probe ${f(c.best.loss)} ± ${f(c.best.lossSe)} AUROC ${f(c.best.auroc, 3)} (${c.best.family}, N=${c.best.N}, D=${c.best.D})${c.probeBeatsConstant ? "" : " (not below the constant)"}: ` : "") +
          verdictText(c) +
          (c.sameConstant === false ? "  <- the runs' constant predictor differs from the baseline's: another corpus?" : "")
      ),
      `  ${beats} of ${a.baselines.length} tasks: the best probe beats both the constant predictor and the baseline`
    );
  }
  return lines;
}
