// The study audit (data-loaders/audit/audit.ts) on fabricated records with known answers, and the
// committed study held to it: records carry their chosen checkpoint and standard errors, and no OOD
// task has every probe losing to the constant predictor while AUROC says the features carry signal.
import {test} from "node:test";
import assert from "node:assert/strict";
import {auditStudy, formatAudit, type AuditRun} from "../../data-loaders/audit/audit.js";
import {defaultStoreDir} from "../../training/cli/store-dir.js";
import {RunStore} from "../../training/store/run-store.js";
import {planStudy, studyByName} from "../../training/studies/index.js";
import type {TrainConfig} from "../../training/train/config.js";
import type {RunRecord} from "../../training/train/run-record.js";
import {TRAINING_CODE_VERSION} from "../../training/version.js";
import {DEFAULT_STUDY} from "../../data-loaders/runs/study-runs.js";

function run(family: string, params: number, records: number, idLoss: number, idLossSe: number, ood: Record<string, {loss: number; lossSe: number; auroc: number; constantLoss: number}>): AuditRun {
  return {
    key: `${family}-${params}-${records}`,
    config: {family, records, seed: 0} as unknown as TrainConfig,
    result: {
      params,
      best: {step: 10, valLoss: idLoss, idLoss, idLossSe, ood},
      evaluations: [{step: 10, ood: Object.entries(ood).map(([dataset, o]) => ({dataset, ...o, converged: true, epochs: 5}))}]
    } as unknown as RunRecord
  };
}

test("the audit counts probes against the constant predictor and flags a probe that fails while AUROC shows signal", () => {
  const good = {loss: 0.4, lossSe: 0.01, auroc: 0.8, constantLoss: 0.5};
  const failing = {loss: 0.55, lossSe: 0.01, auroc: 0.7, constantLoss: 0.5};
  const runs = [run("resnet-sl", 100, 250, 0.3, 0.01, {a: good, b: failing}), run("resnet-sl", 200, 250, 0.25, 0.01, {a: good, b: failing})];
  const audit = auditStudy(runs, ["a", "b"]);
  assert.equal(audit.complete, 2);
  const [a, b] = audit.tasks;
  assert.deepEqual([a.beatConstant, a.loseToConstant, a.probeFailure], [2, 0, false]);
  assert.deepEqual([b.beatConstant, b.loseToConstant, b.probeFailure], [0, 2, true]);
  assert.ok(formatAudit(audit).some((l) => l.includes("the probe fails")));
});

test("the audit finds a larger model that is worse beyond its standard errors, and not one within them", () => {
  const o = {};
  const within = auditStudy([run("resnet-ssl", 100, 250, 1.0, 0.02, o), run("resnet-ssl", 200, 250, 1.03, 0.02, o)], []);
  assert.equal(within.monotonicity[0].violations.length, 0, "0.03 apart with a joint SE of 0.028 is within 2 SE");
  const beyond = auditStudy([run("resnet-ssl", 100, 250, 1.0, 0.01, o), run("resnet-ssl", 200, 250, 1.1, 0.01, o), run("resnet-ssl", 400, 250, 0.9, 0.01, o)], []);
  assert.equal(beyond.monotonicity[0].pairs, 2);
  assert.deepEqual(beyond.monotonicity[0].violations.map((v) => [v.smallerN, v.largerN]), [[100, 200]]);
  const incomplete = auditStudy([run("resnet-ssl", 100, 250, 1.0, NaN, o)], []);
  assert.equal(incomplete.complete, 0);
});

const study = studyByName(DEFAULT_STUDY);
const store = new RunStore(defaultStoreDir());
const committed = planStudy(study, TRAINING_CODE_VERSION).filter((r) => store.has(r.key)).map((r) => store.read<TrainConfig, RunRecord>(r.key)!);

test(`the committed ${study.name} study: complete records, and no OOD task on which the probe fails`, {skip: committed.length === 0 && `no run of ${study.name} with training code ${TRAINING_CODE_VERSION} is committed`}, () => {
  const audit = auditStudy(committed, study.ood);
  for (const line of formatAudit(audit)) console.log(`# ${line}`);
  assert.equal(audit.complete, audit.runs, "every record carries its chosen checkpoint and standard errors");
  assert.deepEqual(audit.tasks.filter((t) => t.probeFailure).map((t) => t.dataset), []);
});
