// The MIMIC-IV-ECG-like ICD-10 "I" label rule (training/corpus/icd.ts) and its corpus spec (mimic-icd): a long
// tail of >= 300 classes with the paper's head; prevalences measured on 3,000 generated records of another seed
// than the one the driver means were measured on, within 4 cluster-robust (by patient) standard errors of the
// specification; the ECG signs that tie codes to the records, measured from the signals and the generator's
// truth; co-occurrence; the spec's patient-level 160K/40K/20K split. Records are generated on the fast 100 Hz
// path: labels do not depend on the device (device draws come from their own streams).
import {test} from "node:test";
import assert from "node:assert/strict";
import {corpusConfig, planCorpus, LABEL_RULES, DATASET_SPECS, OOD_DATASETS, CORPUS_NAMES} from "../../training/corpus/index.js";
import {DRIVER_MEANS, ICD_CLASSES, ICD_CODES, ICD_DRIVERS, icdLabels, icdProbabilities, type IcdDriver} from "../../training/corpus/icd.js";
import {labelSubset} from "../../training/corpus/label-subsets.js";
import {generateRecord} from "../../training/synth/generate.js";
import {makePatient, type Patient} from "../../training/synth/patient.js";
import {rrCv} from "../../training/synth/measure.js";

const N = 3000;
const K = ICD_CLASSES.length;
const cfg = corpusConfig("mimic-icd", {seed: 2, scale: 1});
const planned = planCorpus(cfg);
const entries = [...planned.train, ...planned.val, ...planned.test].slice(0, N);

interface Row {
  patient: number;
  labels: Uint8Array;
  prob: Float64Array;
  drivers: Record<IcdDriver, number>;
  irregular: boolean;
  voltage: number;
  qrsMs: number;
  qwave: boolean;
  structural: boolean;
}

const rows: Row[] = [];
let patient: Patient | undefined;
for (const e of entries) {
  if (patient?.index !== e.patient) patient = makePatient(cfg.synth, e.patient);
  const {record, truth} = generateRecord(cfg.synth, e.patient, e.record, {patient});
  const labels = new Uint8Array(K);
  LABEL_RULES["mimic-icd"].label(truth, labels);
  const drivers = {} as Record<IcdDriver, number>;
  for (const k of Object.keys(ICD_DRIVERS) as IcdDriver[]) drivers[k] = ICD_DRIVERS[k](truth);
  // QRS voltage measured on the signal: mean over beats of the peak-to-peak in V1 plus V5 within +-80 ms of R.
  const w = Math.round(0.08 * record.fs);
  let volt = 0;
  for (const r of truth.rPeaks) {
    for (const lead of [6, 10]) {
      const s = record.signals[lead]!;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = Math.max(0, r - w); i <= Math.min(s.length - 1, r + w); i++) {
        lo = Math.min(lo, s[i]!);
        hi = Math.max(hi, s[i]!);
      }
      volt += hi - lo;
    }
  }
  rows.push({
    patient: e.patient,
    labels,
    prob: icdProbabilities(truth),
    drivers,
    irregular: rrCv(truth.rPeaks, record.fs) > 0.12,
    voltage: volt / Math.max(1, truth.rPeaks.length),
    qrsMs: truth.intervals.qrsMs,
    qwave: truth.factors.form.includes("QWAVE"),
    structural: truth.factors.structural
  });
}

/** Mean of v over records and its standard error, clustered by patient (ratio estimator). */
function clustered(v: (r: Row) => number, subset: Row[] = rows): {mean: number; se: number} {
  const byPatient = new Map<number, {s: number; n: number}>();
  for (const r of subset) {
    const c = byPatient.get(r.patient) ?? {s: 0, n: 0};
    c.s += v(r);
    c.n += 1;
    byPatient.set(r.patient, c);
  }
  const total = subset.length;
  const mean = subset.reduce((a, r) => a + v(r), 0) / total;
  const P = byPatient.size;
  const nBar = total / P;
  let ss = 0;
  for (const {s, n} of byPatient.values()) ss += ((s - mean * n) / nBar) ** 2;
  return {mean, se: Math.sqrt(ss / (P * (P - 1)))};
}

const idx = (code: string) => {
  const i = ICD_CODES.indexOf(code);
  assert.ok(i >= 0, code);
  return i;
};
const rate = (code: string | number[], subset: Row[]) => {
  const is = typeof code === "string" ? [idx(code)] : code;
  return subset.filter((r) => is.some((i) => r.labels[i])).length / Math.max(1, subset.length);
};

test("the label space: >= 300 classes, the paper's head, a long tail, the spec a pre-training corpus outside the OOD tasks", () => {
  assert.ok(K >= 300, `${K} classes`);
  assert.equal(new Set(ICD_CODES).size, K);
  assert.ok(ICD_CODES.every((c) => /^I\d\d(\.[0-9A-Z]{1,4})?$/.test(c)), "every class an I code");
  const head = ICD_CLASSES.slice(0, 5).map((c) => [c.code, c.prevalence]);
  assert.deepEqual(head, [["I10", 0.2267], ["I25.10", 0.159], ["I48.91", 0.1213], ["I50.9", 0.0935], ["I12.9", 0.0654]]);
  const sorted = ICD_CLASSES.map((c) => c.prevalence).sort((a, b) => b - a);
  assert.equal(sorted[0], 0.2267);
  // Long tail: the top 5 classes carry over a third of all positives, half the classes are under 0.1 %.
  const total = sorted.reduce((a, b) => a + b, 0);
  assert.ok(sorted.slice(0, 5).reduce((a, b) => a + b, 0) / total > 0.35);
  assert.ok(sorted[Math.floor(K / 2)]! < 0.001);
  // At the spec's training size (~14,500 records) some classes fall under the tail scenario's 10 samples.
  const trainRecords = 14500;
  const expected = ICD_CLASSES.map((c) => c.prevalence * trainRecords);
  const t = labelSubset(expected, "tail", 0.3, 0);
  assert.ok(t.excluded.length > 50 && t.eligible > 100, `tail scenario: ${t.excluded.length} excluded, ${t.eligible} eligible`);
  console.log(`# ${K} classes; at ${trainRecords} training records about ${t.excluded.length} classes have fewer than 10 expected samples, ${t.eligible} are eligible`);
  // Strengths are capped only where the probability would pass 1.
  const capped = ICD_CLASSES.filter((c) => c.effectiveStrength < c.strength && c.driver !== "none");
  assert.ok(capped.length <= 5, `capped: ${capped.map((c) => c.code).join(", ")}`);
  // The spec: an ID-role corpus of its own, not an OOD task, with the paper's split proportions.
  const spec = DATASET_SPECS["mimic-icd"];
  assert.equal(spec.role, "id");
  assert.equal(spec.labels, "mimic-icd");
  assert.ok(!OOD_DATASETS.includes("mimic-icd") && !CORPUS_NAMES.includes("mimic-icd"));
  assert.equal(cfg.task.classes.length, K);
});

test("the split is by patient in 160K / 40K / 20K proportions", () => {
  const c = corpusConfig("mimic-icd", {scale: 0.25});
  const plan = planCorpus(c);
  const patients = (s: typeof plan.train) => new Set(s.map((e) => e.patient));
  const [tr, va, te] = [patients(plan.train), patients(plan.val), patients(plan.test)];
  for (const p of tr) assert.ok(!va.has(p) && !te.has(p));
  for (const p of va) assert.ok(!te.has(p));
  const n = tr.size + va.size + te.size;
  assert.equal(n, 2000);
  assert.ok(Math.abs(va.size / n - 40 / 220) < 0.002 && Math.abs(te.size / n - 20 / 220) < 0.002, `${tr.size}/${va.size}/${te.size}`);
  const records = [plan.train.length, plan.val.length, plan.test.length];
  console.log(`# mimic-icd at scale 0.25: patients ${tr.size}/${va.size}/${te.size}, records ${records.join("/")} (${(records[0]! / records[2]!).toFixed(2)} : ${(records[1]! / records[2]!).toFixed(2)} : 1; the paper's 8 : 2 : 1)`);
});

test("driver rates on another seed match the calibration table (4 clustered SE)", () => {
  const lines: string[] = [];
  for (const k of Object.keys(ICD_DRIVERS) as IcdDriver[]) {
    if (k === "none") continue;
    const {mean, se} = clustered((r) => r.drivers[k]);
    lines.push(`${k} ${mean.toFixed(4)} vs ${DRIVER_MEANS[k]} (SE ${se.toFixed(4)})`);
    assert.ok(Math.abs(mean - DRIVER_MEANS[k]) <= 4 * se + 0.002, `driver ${k}: ${mean} vs ${DRIVER_MEANS[k]} (SE ${se})`);
  }
  console.log(`# driver means (seed 2, ${N} records): ${lines.join("; ")}`);
});

test("prevalences: head classes within 4 clustered SE of the specification, the tail's total within 10 %", () => {
  const report: string[] = [];
  let worstZ = 0;
  ICD_CLASSES.forEach((c, i) => {
    if (c.prevalence < 0.01) return;
    const y = clustered((r) => r.labels[i]!);
    const p = clustered((r) => r.prob[i]!);
    const z = Math.abs(y.mean - c.prevalence) / y.se;
    worstZ = Math.max(worstZ, z);
    report.push(`${c.code} ${(100 * y.mean).toFixed(2)}% (model ${(100 * p.mean).toFixed(2)}%) vs ${(100 * c.prevalence).toFixed(2)}%`);
    assert.ok(Math.abs(y.mean - c.prevalence) <= 4 * y.se, `${c.code}: measured ${y.mean} vs specified ${c.prevalence} (SE ${y.se})`);
    assert.ok(Math.abs(p.mean - c.prevalence) <= 4 * p.se, `${c.code}: mean probability ${p.mean} vs ${c.prevalence} (SE ${p.se})`);
  });
  console.log(`# head prevalences measured (mean model probability) vs specified, ${N} records: ${report.join("; ")}; worst |z| ${worstZ.toFixed(2)}`);
  // Tail (under 1 %): summed over classes, the measured positives and the model's probabilities.
  const tail = ICD_CLASSES.map((c, i) => [c, i] as const).filter(([c]) => c.prevalence < 0.01);
  const spec = tail.reduce((a, [c]) => a + c.prevalence, 0);
  const measured = rows.reduce((a, r) => a + tail.reduce((s, [, i]) => s + r.labels[i]!, 0), 0) / N;
  const model = rows.reduce((a, r) => a + tail.reduce((s, [, i]) => s + r.prob[i]!, 0), 0) / N;
  console.log(`# tail (${tail.length} classes under 1 %): ${measured.toFixed(4)} positives per record measured, ${model.toFixed(4)} by the model, ${spec.toFixed(4)} specified`);
  assert.ok(Math.abs(measured / spec - 1) < 0.1 && Math.abs(model / spec - 1) < 0.1);
  // Every class's mean model probability within 30 % of its prevalence (drivers are common enough to estimate).
  const worst = Math.max(...ICD_CLASSES.map((c, i) => Math.abs(rows.reduce((a, r) => a + r.prob[i]!, 0) / N / c.prevalence - 1)));
  console.log(`# worst relative error of a class's mean model probability: ${(100 * worst).toFixed(1)} %`);
});

test("the ECG signs are there: AF codes with irregular rhythm, hypertension with QRS voltage, old MI with Q waves, HF with the structural state, LBBB with a wide QRS", () => {
  const irregular = rows.filter((r) => r.irregular);
  const regular = rows.filter((r) => !r.irregular);
  const byVoltage = [...rows].sort((a, b) => a.voltage - b.voltage);
  const q = Math.floor(N / 4);
  const [low, high] = [byVoltage.slice(0, q), byVoltage.slice(N - q)];
  const hf = ICD_CODES.flatMap((c, i) => (c.startsWith("I50") ? [i] : []));
  const checks: [string, number, number, number][] = [
    ["I48.91 | RR CV > 0.12 vs not", rate("I48.91", irregular), rate("I48.91", regular), 4],
    ["I10 | top vs bottom quartile of V1+V5 QRS voltage", rate("I10", high), rate("I10", low), 1.5],
    ["I25.2 | Q waves vs none", rate("I25.2", rows.filter((r) => r.qwave)), rate("I25.2", rows.filter((r) => !r.qwave)), 3],
    ["any I50 | structural vs not", rate(hf, rows.filter((r) => r.structural)), rate(hf, rows.filter((r) => !r.structural)), 2],
    ["I44.7 | QRS >= 120 ms vs < 120", rate("I44.7", rows.filter((r) => r.qrsMs >= 120)), rate("I44.7", rows.filter((r) => r.qrsMs < 120)), 4]
  ];
  const lines = checks.map(([name, a, b, min]) => {
    assert.ok(a > min * b, `${name}: ${a} vs ${b} (want a ratio above ${min})`);
    return `${name}: ${(100 * a).toFixed(1)}% vs ${(100 * b).toFixed(1)}%`;
  });
  console.log(`# signs (${irregular.length} irregular records): ${lines.join("; ")}`);
  // Codes of the venous group are not tied to the ECG: their rate among AF records is near the others'.
  const venous = ICD_CODES.flatMap((c, i) => (/^I8\d/.test(c) ? [i] : []));
  const ratio = rate(venous, rows.filter((r) => r.drivers.af > 0)) / rate(venous, rows.filter((r) => r.drivers.af === 0));
  assert.ok(ratio > 0.4 && ratio < 2.5, `venous codes AF ratio ${ratio}`);
});

test("related codes co-occur, a patient's codes recur across its records, and labels are deterministic", () => {
  const given = (a: string, b: string) => rate(a, rows.filter((r) => r.labels[idx(b)]));
  const pairs: [string, string][] = [["I50.9", "I13.0"], ["I12.9", "I10"], ["I50.32", "I50.9"], ["I25.2", "I25.10"]];
  const lines = pairs.map(([a, b]) => {
    const lift = given(a, b) / rate(a, rows);
    assert.ok(lift > 1.5, `${a} given ${b}: lift ${lift}`);
    return `${a} | ${b}: lift ${lift.toFixed(2)}`;
  });
  // Recurrence: the first two records of a patient agree on I10 far more often than chance.
  const first = new Map<number, Row[]>();
  for (const r of rows) first.set(r.patient, [...(first.get(r.patient) ?? []), r]);
  const twos = [...first.values()].filter((rs) => rs.length >= 2);
  const i10 = idx("I10");
  const both = twos.filter((rs) => rs[0]!.labels[i10] && rs[1]!.labels[i10]).length;
  const firstOnly = twos.filter((rs) => rs[0]!.labels[i10]).length;
  const recur = both / Math.max(1, firstOnly);
  lines.push(`I10 in the second record given the first: ${(100 * recur).toFixed(0)}% (${firstOnly} patients)`);
  assert.ok(recur > 0.5, `recurrence ${recur}`);
  console.log(`# co-occurrence: ${lines.join("; ")}`);
  // Deterministic: the same truth gives the same codes.
  const {truth} = generateRecord(cfg.synth, entries[0]!.patient, entries[0]!.record);
  const a = new Uint8Array(K);
  const b = new Uint8Array(K);
  icdLabels(truth, a);
  icdLabels(truth, b);
  assert.deepEqual(a, b);
  assert.deepEqual(a, rows[0]!.labels);
});
