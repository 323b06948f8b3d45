// Each OOD task's constant predictor, simple-feature baseline and best probe side by side
// (src/lib/study/baselines.ts), as the audit prints it (data-loaders/audit/audit.ts) and the Absolute performance
// page queries it (oodProbesSql on DuckDB-wasm's Node bundle).
import {test} from "node:test";
import assert from "node:assert/strict";
import {compareToBaselines, verdictText, type BaselineScore, type ProbeCandidate} from "../../src/lib/study/baselines.js";
import {auditStudy, formatAudit, type AuditRun} from "../../data-loaders/audit/audit.js";
import {oodProbesSql} from "../../src/lib/sql/performance.js";
import {oodColumn, oodConstantColumn, oodSeColumn, type RunRow} from "../../src/lib/study/run-row.js";
import {fabricatedRuns, openFabricatedStudy} from "./helpers/study-tables.js";
import type {TrainConfig} from "../../training/train/config.js";
import type {RunRecord} from "../../training/train/run-record.js";

const baseline = (dataset: string, loss: number, lossSe: number, constantLoss = 0.69): BaselineScore => ({dataset, loss, lossSe, auroc: 0.7, constantLoss, lossVsConstantSe: lossSe});
const probe = (dataset: string, key: string, loss: number, lossSe: number, constantLoss = 0.69): ProbeCandidate => ({dataset, key, family: "resnet-sl", N: 1000, D: 250, loss, lossSe, auroc: 0.8, constantLoss});

test("the best probe is the lowest loss; it beats the baseline only beyond two joint standard errors", () => {
  const rows = compareToBaselines(
    [baseline("a", 0.5, 0.01), baseline("b", 0.5, 0.01), baseline("c", 0.5, 0.01), baseline("d", 0.5, 0.01), baseline("e", 0.68, 0.01)],
    [
      probe("a", "a1", 0.45, 0.01), probe("a", "a2", 0.47, 0.001), // best a1: z = 0.05 / 0.01414 = 3.5
      probe("b", "b1", 0.48, 0.01), // z = 1.4: within
      probe("c", "c1", 0.6, 0.01), // z = -7.1: the baseline is better
      probe("e", "e1", 0.6, 0.01, 0.7) // another constant: flagged
    ]
  );
  const [a, b, c, d, e] = rows;
  assert.equal(a!.best!.key, "a1");
  assert.equal(a!.runs, 2);
  assert.ok(Math.abs(a!.z! - 0.05 / Math.hypot(0.01, 0.01)) < 1e-12);
  assert.deepEqual(rows.map((r) => r.verdict), ["beats", "within", "loses", "no probe", "beats"]);
  assert.equal(a!.probeBeatsConstant, true);
  assert.equal(c!.probeBeatsConstant, true, "0.6 < 0.69 - 0.02");
  assert.equal(d!.best, null);
  assert.equal(d!.z, null);
  assert.equal(e!.baselineBeatsConstant, false, "0.68 is within two SE of 0.69");
  assert.equal(e!.sameConstant, false);
  assert.equal(a!.sameConstant, true);
  assert.match(verdictText(a!), /probe beats the baseline \(z = 3\.5\)/);
  assert.match(verdictText(b!), /within 2 SE/);
  assert.match(verdictText(c!), /baseline beats the probe/);
  assert.match(verdictText(d!), /no probe/);
});

function run(key: string, params: number, ood: Record<string, {loss: number; lossSe: number; auroc: number; constantLoss: number}>): AuditRun {
  return {
    key,
    config: {family: "resnet-ssl", records: 1000, seed: 0} as unknown as TrainConfig,
    result: {params, best: {step: 10, valLoss: 1, idLoss: 1, idLossSe: 0.01, ood}, evaluations: [{step: 10, ood: Object.entries(ood).map(([dataset, o]) => ({dataset, ...o, converged: true, epochs: 5}))}]} as unknown as RunRecord
  };
}

test("the audit prints constant, baseline and best probe per task, and counts the tasks where the probe beats both", () => {
  const runs = [run("r1", 100, {sex: {loss: 0.6, lossSe: 0.01, auroc: 0.72, constantLoss: 0.693}, risk: {loss: 0.33, lossSe: 0.015, auroc: 0.6, constantLoss: 0.337}}), run("r2", 200, {sex: {loss: 0.58, lossSe: 0.01, auroc: 0.75, constantLoss: 0.693}, risk: {loss: 0.34, lossSe: 0.015, auroc: 0.55, constantLoss: 0.337}})];
  const audit = auditStudy(runs, ["sex", "risk"], [baseline("sex", 0.65, 0.008, 0.693), baseline("risk", 0.28, 0.012, 0.337), baseline("other", 0.1, 0.01)]);
  assert.deepEqual(audit.baselines!.map((c) => [c.dataset, c.best?.key, c.verdict]), [["sex", "r2", "beats"], ["risk", "r1", "loses"]]);
  const lines = formatAudit(audit);
  const sex = lines.find((l) => l.trimStart().startsWith("sex ") && l.includes("baseline"))!;
  assert.match(sex, /constant 0\.6930 {2}baseline 0\.6500 ± 0\.0080 AUROC 0\.700 {2}best probe 0\.5800 ± 0\.0100 AUROC 0\.750 \(resnet-ssl, N=200, D=1000\): the probe beats the baseline/);
  assert.ok(lines.some((l) => l.includes("1 of 2 tasks: the best probe beats both")));
  assert.equal(auditStudy(runs, ["sex"]).baselines, undefined, "no baselines given: no section");
  assert.ok(!formatAudit(auditStudy(runs, ["sex"])).some((l) => l.includes("simple-feature")));
});

test("oodProbesSql: every run's probe with its SE, AUROC and constant, the page's input to the comparison", async () => {
  const runs: RunRow[] = fabricatedRuns().map((r, i) => ({...r, [oodSeColumn("sex")]: 0.01 + i / 1000, [oodConstantColumn("sex")]: 0.69}));
  const {db} = await openFabricatedStudy(runs);
  try {
    const rows = await db.query(oodProbesSql(["sex"]));
    assert.equal(rows.length, runs.length);
    const best = runs.reduce((m, r) => ((r[oodColumn("sex", "loss")] as number) < (m[oodColumn("sex", "loss")] as number) ? r : m));
    const [c] = compareToBaselines([baseline("sex", 0.9, 0.01)], rows as unknown as ProbeCandidate[]);
    assert.equal(c!.best!.key, best.key);
    assert.equal(c!.best!.lossSe, best[oodSeColumn("sex")]);
    assert.equal(c!.best!.N, best.params);
    assert.equal(c!.best!.constantLoss, 0.69);
  } finally {
    await db.close();
  }
});
