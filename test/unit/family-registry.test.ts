// The family registry (issue 19): a family is one registry entry. A test-only family ("pool-sl", a pooled-lead
// MLP) is registered at run time and taken through what every family goes through: config checks, the CLI's
// size grammar, a study plan, real training, the run store and the loaders' tables and fits.
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {initBackend} from "../../training/backend/index.js";
import {architectureOf, familyNames, familySpec, paradigmOf, parseSizeOf, registerFamily, sizeLabelOf, unregisterFamily} from "../../training/families/registry.js";
import {backboneSize} from "../../training/families/cost.js";
import {trainingMemoryBytes} from "../../training/families/memory.js";
import {RunStore} from "../../training/store/run-store.js";
import {planStudy} from "../../training/studies/plan.js";
import {smoke} from "../../training/studies/smoke.js";
import type {Study} from "../../training/studies/types.js";
import {resolveTrainConfig, type TrainConfig} from "../../training/train/config.js";
import type {RunRecord} from "../../training/train/run-record.js";
import {train} from "../../training/train/train.js";
import {analyseRows} from "../../data-loaders/analysis/analyse-study.js";
import {curveRows, runRow} from "../../data-loaders/runs/to-rows.js";
import {runsParquet} from "../../data-loaders/runs/tables.js";
import {POOL, POOL_SL} from "./helpers/pool-family.js";

const store = mkdtempSync(join(tmpdir(), "family-registry-"));

before(async () => {
  await initBackend({threads: 1, warn: () => {}});
  registerFamily(POOL_SL);
});
after(() => {
  unregisterFamily(POOL_SL.name);
  rmSync(store, {recursive: true, force: true});
});

test("the built-in families are the paper's four, each with its architecture and paradigm", () => {
  const builtIn = familyNames().filter((f) => f !== POOL_SL.name);
  assert.deepEqual(builtIn, ["resnet-sl", "resnet-ssl", "transformer-sl", "transformer-ssl"]);
  assert.deepEqual(builtIn.map(architectureOf), ["resnet", "resnet", "transformer", "transformer"]);
  assert.deepEqual(builtIn.map(paradigmOf), ["sl", "ssl", "sl", "ssl"]);
  assert.deepEqual(builtIn.map((f) => familySpec(f).displayName), ["ResNet-SL", "ResNet-SSL", "Transformer-SL", "Transformer-SSL"]);
});

test("size labels round-trip through each architecture's grammar", () => {
  assert.equal(sizeLabelOf("resnet-ssl", {units: 3, width: 16}), "3x16");
  assert.deepEqual(parseSizeOf("transformer-sl", "2x64x4x256"), {layers: 2, dModel: 64, heads: 4, dFfn: 256});
  assert.deepEqual(parseSizeOf("pool-sl", "8"), {width: 8});
  assert.throws(() => parseSizeOf("resnet-sl", "3x16x2"), /a ResNet size is UNITSxWIDTH \(e\.g\. 3x16\); got "3x16x2"/);
  assert.throws(() => parseSizeOf("transformer-sl", "2x65x4x256"), /must be divisible by size\.heads/);
});

test("registration refuses a taken name, an architecture name meaning two things, and removing a built-in family", () => {
  assert.throws(() => registerFamily(POOL_SL), /already registered/);
  assert.throws(() => registerFamily({...POOL_SL, name: "pool-ssl", architecture: {...POOL}}), /architecture "pool" of family pool-ssl differs/);
  assert.throws(() => unregisterFamily("resnet-sl"), /built in/);
  assert.throws(() => familySpec("resnet-xl"), /family must be one of resnet-sl, resnet-ssl, transformer-sl, transformer-ssl, pool-sl, got "resnet-xl"/);
});

test("a registered family's configs are checked by its own size grammar, and cost and memory come from its spec", () => {
  const base = {records: 96, steps: 4, evalEvery: 4, ood: [], seed: 0, corpus: smoke.corpus};
  assert.throws(() => resolveTrainConfig({...base, family: "pool-sl", size: {units: 1, width: 4}}), /family pool-sl needs a \{width\} size/);
  const config = resolveTrainConfig({...base, family: "pool-sl", size: {width: 4}});
  assert.deepEqual(backboneSize(config), {params: 24 * 4 + 4, macsPerSample: 24_000 + 24 * 4});
  assert.ok(trainingMemoryBytes(config) > 0);
});

test("the test-only family trains through a study plan, the run store and the loaders' tables and fits", async () => {
  const study: Study = {...smoke, name: "pool-smoke", families: ["pool-sl"], sizes: {pool: [{width: 2}, {width: 4}, {width: 8}]}, steps: 12, evalEvery: 6};
  const plan = planStudy(study, "test");
  assert.equal(plan.length, 3 * study.records.length);
  const runs = new RunStore(store);
  for (const {key, config} of plan) runs.write({key, codeVersion: "test", config, result: await train(config)});
  const stored = plan.map((p) => runs.read<TrainConfig, RunRecord>(p.key)!);
  const rows = stored.map((run) => runRow(study.name, run, study.ood));
  assert.deepEqual([...new Set(rows.map((r) => r.architecture))], ["pool"]);
  assert.deepEqual([...new Set(rows.map((r) => r.size))].sort(), ["2", "4", "8"]);
  // N counts the hidden layer (25 x width) and the label head.
  assert.ok(rows.every((r) => r.paradigm === "sl" && Number.isFinite(r.best_id_loss) && r.params > 25 * Number(r.size)));
  assert.ok(runsParquet(rows, study.ood).length > 0);
  const analysis = analyseRows(study.name, study.families, ["id", ...study.ood], rows, stored.flatMap((run) => curveRows(run, study.ood)), () => {}, () => null);
  assert.deepEqual(analysis.fits.map((f) => `${f.family}/${f.dataset}`), ["pool-sl/id", ...study.ood.map((d) => `pool-sl/${d}`)]);
  assert.equal(analysis.transfer.length, study.ood.length);
});
