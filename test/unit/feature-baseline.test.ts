// The simple-feature baseline (training/eval/feature-baseline.ts): its measurements against the generator's truth,
// its probe against the constant predictor on a task a feature decides and on pure-noise labels, and the whole
// path from a corpus split (int16 signals as a corpus stores them) to the baseline's record.
import {test} from "node:test";
import assert from "node:assert/strict";
import {defaultSynthConfig} from "../../training/synth/config.js";
import {generateRecord} from "../../training/synth/generate.js";
import {Rng} from "../../training/util/prng.js";
import type {SynthRecordTruth} from "../../training/synth/truth.js";
import {preprocess} from "../../training/preprocess/index.js";
import {LEADS, SAMPLES, STORAGE_SCALE_MV, type Corpus, type CorpusSplit} from "../../training/corpus/index.js";
import {BASELINE_FEATURES, baselineFromFeatures, ecgFeatures, featureBaseline, featureRow, prepareFeatures, type EcgFeatures} from "../../training/eval/feature-baseline.js";

interface Measured {
  truth: SynthRecordTruth;
  signals: Float32Array[];
  f: EcgFeatures;
}

function generate(seed: number, count: number, prevalence: Record<string, number> = {}): Measured[] {
  const config = defaultSynthConfig({seed, noiseScale: 1, prevalence});
  return Array.from({length: count}, (_, i) => {
    const g = generateRecord(config, i, 0);
    const signals = preprocess(g.record).signals;
    return {truth: g.truth, signals, f: ecgFeatures(signals, 100)};
  });
}

const median = (v: number[]) => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// Plain sinus records of the default population: rate, QRS, PR and QT have nominal values in the truth.
const plain = generate(7, 40);

test("heart rate, QRS, PR and QT measured against the generator's truth", () => {
  const sinus = plain.filter((r) => r.truth.rhythm === "sinus");
  assert.ok(sinus.length >= 30);
  const err = (pick: (r: Measured) => [number, number | null]) =>
    sinus.map(pick).filter(([, t]) => t !== null).map(([m, t]) => m - (t as number));
  const hr = err((r) => [r.f.hr, r.truth.intervals.hrBpm]);
  const qrs = err((r) => [r.f.qrsMs, r.truth.intervals.qrsMs]);
  const pr = err((r) => [r.f.prMs, r.truth.intervals.prMs]);
  const qt = err((r) => [r.f.qtMs, r.truth.intervals.qtMs]);
  console.log(`# median error (measured - truth): HR ${median(hr).toFixed(1)} bpm, QRS ${median(qrs).toFixed(0)} ms, PR ${median(pr).toFixed(0)} ms, QT ${median(qt).toFixed(0)} ms`);
  assert.ok(hr.every((e) => Math.abs(e) < 2), "every sinus record's rate within 2 bpm");
  // measure.ts: QRS measures about 10 ms longer than nominal (the spatial-velocity edges at 100 Hz).
  assert.ok(median(qrs) >= 0 && median(qrs) <= 20, `QRS bias ${median(qrs)}`);
  assert.ok(Math.abs(median(pr)) <= 10, `PR bias ${median(pr)}`);
  assert.ok(Math.abs(median(qt)) <= 15, `QT bias ${median(qt)}`);
  assert.ok(qt.filter((e) => Math.abs(e) <= 30).length >= 0.9 * qt.length, "nine in ten QTs within 30 ms");
  for (const r of sinus) {
    const row = featureRow(r.f);
    assert.equal(row.length, BASELINE_FEATURES.length);
    assert.ok(r.f.ampII > 0 && r.f.ampPrecordial > r.f.ampII * 0.5, "QRS amplitudes positive");
    assert.ok(r.f.axisDeg > -180 && r.f.axisDeg <= 180);
    assert.ok(Math.abs(r.f.qtcMs - r.f.qtMs / Math.cbrt(60 / r.f.hr)) < 1e-9, "QTc is Fridericia's");
  }
});

test("missing measurements take the training median and every feature is clipped to the training 1-99th percentiles", () => {
  const d = 2;
  const train = Float64Array.from([1, 10, 2, NaN, 3, 30, 100, 40]);
  const [t, other] = prepareFeatures(train, [Float64Array.from([NaN, 1000])], d);
  assert.equal(t![3], 30, "NaN -> median of 10, 30, 40");
  assert.ok(t![6]! < 100, "the outlier is clipped");
  assert.equal(other![0], 2.5, "another split's NaN -> the training median");
  assert.ok(other![1]! <= 40);
});

// Records with sinus bradycardia and sinus tachycardia made common: heart rate decides the label.
const rates = generate(11, 150, {SB: 0.3, ST: 0.3, AF: 0, RBBB: 0, LBBB: 0, "1dAVb": 0});

function rawSplits(records: Measured[]): {train: Float64Array; val: Float64Array; test: Float64Array} {
  const rows = (a: number, b: number) => Float64Array.from(records.slice(a, b).flatMap((r) => featureRow(r.f)));
  return {train: rows(0, 70), val: rows(70, 100), test: rows(100, 150)};
}

test("the baseline beats the constant predictor where heart rate decides the label (SB / normal / ST)", () => {
  const cls = (t: SynthRecordTruth) => (t.code.SB ? 0 : t.code.ST ? 2 : 1);
  const y = (a: number, b: number) => Int32Array.from(rates.slice(a, b).map((r) => cls(r.truth)));
  const labels = {train: y(0, 70), val: y(70, 100), test: y(100, 150)};
  const counts = [0, 1, 2].map((c) => rates.filter((r) => cls(r.truth) === c).length);
  assert.ok(counts.every((n) => n >= 20), `each class common: ${counts}`);
  const r = baselineFromFeatures(rawSplits(rates), labels, {kind: "multiclass", classes: 3});
  console.log(`# rate task: baseline ${r.testLoss.toFixed(3)} ± ${r.testLossSe.toFixed(3)}, constant ${r.constantLoss.toFixed(3)}, AUROC ${r.testAuroc?.toFixed(3)}`);
  assert.ok(r.testLoss < r.constantLoss - 2 * r.lossVsConstantSe, "below the constant by more than two paired SE");
  assert.ok((r.testAuroc ?? 0) > 0.9);
});

test("on pure-noise labels the baseline does not beat the constant predictor", () => {
  const rng = new Rng(99);
  const noise = Float32Array.from(rates, () => (rng.bernoulli(0.4) ? 1 : 0));
  const labels = {train: noise.slice(0, 70), val: noise.slice(70, 100), test: noise.slice(100, 150)};
  const r = baselineFromFeatures(rawSplits(rates), labels, {kind: "multilabel", classes: 1});
  console.log(`# noise labels: baseline ${r.testLoss.toFixed(3)}, constant ${r.constantLoss.toFixed(3)}, paired SE ${r.lossVsConstantSe.toFixed(3)}, lambda ${r.lambda}`);
  assert.ok(!(r.testLoss < r.constantLoss - 2 * r.lossVsConstantSe));
});

/** A corpus split as a corpus stores it (int16 at STORAGE_SCALE_MV, lead-major). */
function split(records: Measured[], labels: number[]): CorpusSplit {
  const n = records.length;
  const signals = new Int16Array(n * LEADS * SAMPLES);
  records.forEach((r, i) => r.signals.forEach((lead, l) => lead.forEach((v, t) => (signals[(i * LEADS + l) * SAMPLES + t] = Math.round(v / STORAGE_SCALE_MV)))));
  return {
    count: n, signals, scale: STORAGE_SCALE_MV, labels: Uint8Array.from(labels),
    patientIds: Int32Array.from(records, (_, i) => i), recordIndices: new Int32Array(n),
    rPeakOffsets: new Int32Array(n + 1), rPeaks: new Int16Array(0), ages: new Float32Array(n), sexes: new Uint8Array(n)
  };
}

test("featureBaseline: from a corpus's stored splits to the baseline record", () => {
  const y = rates.map((r) => (r.truth.code.ST ? 1 : 0));
  const corpus: Corpus = {
    name: "csn-rhythm", hash: "test", config: {}, task: {kind: "multilabel", classes: ["ST"]},
    splits: {train: split(rates.slice(0, 70), y.slice(0, 70)), val: split(rates.slice(70, 100), y.slice(70, 100)), test: split(rates.slice(100, 150), y.slice(100, 150))}
  };
  let last = 0;
  const b = featureBaseline(corpus, (done) => (last = done));
  assert.equal(last, 150);
  assert.deepEqual(b.records, {train: 70, val: 30, test: 50});
  assert.deepEqual(b.features, [...BASELINE_FEATURES]);
  assert.ok(b.loss < b.constantLoss - 2 * b.lossVsConstantSe, `ST from the rate: ${b.loss} vs ${b.constantLoss}`);
  assert.ok((b.auroc ?? 0) > 0.95);
});
