/**
 * The OOD datasets: at least eight, each with its own seed, device and population; sizes as configured;
 * labels valid for their task; and the shifts are measurable in the stored signals (high-frequency noise of
 * the acute-care monitor against the quiet research recorder) and in the populations (age, sex).
 */
import {test} from "node:test";
import assert from "node:assert/strict";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {corpusConfig, DATASET_SPECS, ID_CORPUS, loadCorpus, OOD_DATASETS, prevalence, recordLeads, type Corpus, type CorpusName} from "../../training/corpus/index.js";

const SCALE = 0.05;
const dir = mkdtempSync(join(tmpdir(), "corpus-ood-"));
process.on("exit", () => rmSync(dir, {recursive: true, force: true}));
const corpora = new Map<CorpusName, Corpus>();
const get = (name: CorpusName) => {
  if (!corpora.has(name)) corpora.set(name, loadCorpus(name, {scale: SCALE, cacheDir: dir}));
  return corpora.get(name)!;
};

/** Robust sd of the second difference of lead II (uV): high-frequency noise, insensitive to the QRS. */
function hfNoiseUv(c: Corpus): number {
  const split = c.splits.train;
  const values: number[] = [];
  for (let i = 0; i < split.count; i++) {
    const x = recordLeads(split, i)[1]!;
    const r: number[] = [];
    for (let k = 1; k < x.length - 1; k++) r.push(Math.abs(x[k]! - (x[k - 1]! + x[k + 1]!) / 2));
    r.sort((a, b) => a - b);
    values.push(r[r.length >> 1]! * 1.4826 * 1000);
  }
  values.sort((a, b) => a - b);
  return values[values.length >> 1]!;
}

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0) / a.length;

test("eight OOD datasets with distinct seeds and devices, rendered at native rates; label views share their records' seed and device", () => {
  assert.ok(OOD_DATASETS.length >= 8);
  // A label view (ptbxl-sub) labels another dataset's records: the same seed and device as that dataset.
  const views = OOD_DATASETS.filter((n) => DATASET_SPECS[n].records);
  for (const view of views) {
    const base = corpusConfig(DATASET_SPECS[view].records!);
    const mine = corpusConfig(view);
    assert.equal(mine.synth.seed, base.synth.seed, view);
    assert.deepEqual(mine.device, base.device, view);
  }
  const configs = [ID_CORPUS, ...OOD_DATASETS.filter((n) => !views.includes(n))].map((n) => corpusConfig(n));
  assert.equal(new Set(configs.map((c) => c.synth.seed)).size, configs.length, "seeds collide");
  const ood = configs.filter((c) => c.role === "ood");
  assert.equal(new Set(ood.map((c) => c.device?.name)).size, ood.length, "two OOD datasets share a device");
  assert.ok(ood.every((c) => c.device !== null && [250, 500, 1000].includes(c.device.fs)));
  assert.deepEqual(new Set(ood.map((c) => c.device!.fs)), new Set([250, 500, 1000]));
});

for (const name of OOD_DATASETS) {
  test(`${name}: sizes, labels and population`, (t) => {
    const c = get(name);
    const size = corpusConfig(name, {scale: SCALE}).size;
    assert.equal(size.kind, "records");
    if (size.kind !== "records") return;
    assert.equal(c.splits.train.count, size.train);
    assert.equal(c.splits.val.count, size.val);
    assert.equal(c.splits.test.count, size.test);
    const ids = [...c.splits.train.patientIds, ...c.splits.val.patientIds, ...c.splits.test.patientIds];
    assert.equal(new Set(ids).size, ids.length, "one record per patient, no patient in two splits");
    const k = c.task.classes.length;
    const labels = c.splits.train.labels;
    if (c.task.kind === "multiclass") assert.ok(labels.every((v) => v < k));
    else assert.ok(labels.every((v) => v === 0 || v === 1));
    const p = prevalence(c.splits.train, c.task.kind, k);
    t.diagnostic(`${name} (${c.task.kind}) train ${c.splits.train.count}: age ${mean(c.splits.train.ages).toFixed(1)}, male ${(100 * mean(c.splits.train.sexes)).toFixed(0)}%, noise ${hfNoiseUv(c).toFixed(1)} uV; ${c.task.classes.map((x, i) => `${x} ${(100 * p[i]!).toFixed(0)}%`).join(", ")}`);
    // Every class but the rarest few appears; no class is everything.
    assert.ok(p.filter((v) => v > 0).length >= Math.min(k, Math.ceil(k / 2)), "too few classes present");
    assert.ok(p.every((v) => v < 0.95));
  });
}

test("the shifts are measurable: noise by device, age and sex by population", (t) => {
  const risk = get("risk");
  const sex = get("sex");
  const id = loadCorpus(ID_CORPUS, {scale: 0.02, cacheDir: dir});
  const noisy = hfNoiseUv(risk);
  const quiet = hfNoiseUv(sex);
  t.diagnostic(`high-frequency noise, median per record: risk (monitor-250) ${noisy.toFixed(1)} uV, sex (research-1000-us) ${quiet.toFixed(1)} uV, code-like ${hfNoiseUv(id).toFixed(1)} uV`);
  assert.ok(noisy > 1.4 * quiet);
  assert.ok(mean(risk.splits.train.ages) > mean(sex.splits.train.ages) + 6);
  assert.ok(mean(get("ptbxl-form").splits.train.sexes) > mean(id.splits.train.sexes) + 0.05);
});
