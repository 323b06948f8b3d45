/**
 * The simple-feature baseline of an OOD task: a clinician's handful of ECG measurements per record, fed to the
 * same linear probe the models' frozen features get (linear-probe.ts: L2 logistic regression on standardised
 * features, lambda chosen on the validation split from PROBE_LAMBDAS, scored on the test split with its
 * standard error and the constant predictor's loss). A model whose probe does not beat it has learnt nothing
 * a conventional ECG program does not measure.
 *
 * The measurements reuse the project's measurement code on the preprocessed 100 Hz signals a corpus stores
 * (training/synth/measure.ts: multi-lead R peaks from training/qrs, the median beat, QRS onset and offset from
 * the spatial velocity, the P wave and PR interval), as the Data page does (data-loaders/synthetic/
 * measure-record.ts). What measure.ts does not measure is added here, on the same median beat:
 *  - T peak and T end on the spatial magnitude of the median beat (relative to the isoelectric point before the
 *    QRS): T peak = the largest magnitude from 60 ms after the QRS offset to 70 % of the RR interval after the
 *    QRS onset (at most the end of the median-beat window); T end by the tangent method = where the tangent at
 *    the steepest descent after the T peak reaches the lowest magnitude between the T peak and the end of that
 *    window. QT = QRS onset to T end; QTc by Fridericia (QT / RR^(1/3), RR in seconds from the mean rate).
 *  - T amplitude of a lead: its value at the spatial T peak minus its value at the isoelectric point.
 *  - Frontal QRS axis: atan2 of the net QRS areas of aVF (scaled by 2 / sqrt 3, the hexaxial projection) and I.
 * At 100 Hz every interval is resolved to 10 ms before interpolation; the features are what a 100 Hz record
 * allows, the same for every model.
 *
 * Before the probe: a feature that could not be measured on a record (no P wave, no R peaks) takes the
 * training split's median, and "no P wave" is a feature of its own; each feature is clipped to the training
 * split's 1st-99th percentiles (a mis-detected beat must not dominate a standardised linear model).
 */
import {recordLeads, type Corpus, type CorpusSplit} from "../corpus/index.js";
import {beatVcg, measureRecord, type MedianBeat, type QrsMeasure, type RecordMeasures} from "../synth/measure.js";
import {trainLinearProbe, type ProbeResult, type ProbeSplit} from "./linear-probe.js";

/** The features, in column order (units in the names). */
export const BASELINE_FEATURES = [
  "heart rate (bpm)",
  "RR coefficient of variation",
  "QRS duration (ms)",
  "PR interval (ms)",
  "no P wave (0/1)",
  "QT (ms)",
  "QTc Fridericia (ms)",
  "QRS amplitude II (mV)",
  "QRS amplitude V1-V6 sum (mV)",
  "T amplitude II (mV)",
  "T amplitude V5 (mV)",
  "frontal QRS axis (deg)"
] as const;

/** Bump when the features or their preparation change (the caches of baselines are keyed by it). */
export const BASELINE_VERSION = "feature-baseline-1";

/** One record's measurements; NaN where a measurement was not possible. */
export interface EcgFeatures {
  hr: number;
  rrCv: number;
  qrsMs: number;
  prMs: number;
  pAbsent: number;
  qtMs: number;
  qtcMs: number;
  ampII: number;
  ampPrecordial: number;
  tII: number;
  tV5: number;
  axisDeg: number;
}

const LEAD = {I: 0, II: 1, aVF: 5, V1: 6, V5: 10} as const;

/** QRS peak-to-peak per lead of the median beat over the measured QRS, widened to R - 60 ms .. R + 80 ms when its edges are not found (as the Data page measures it). */
export function qrsPeakToPeak(m: RecordMeasures): (number | null)[] {
  const beat = m.beat;
  const fs = beat.fs;
  const ok = beat.count > 0 && Number.isFinite(m.qrs.onset) && Number.isFinite(m.qrs.offset);
  const from = Math.max(0, Math.floor(ok ? m.qrs.onset : beat.r - 0.06 * fs));
  const to = Math.min(beat.leads[0]!.length - 1, Math.ceil(ok ? m.qrs.offset : beat.r + 0.08 * fs));
  return beat.leads.map((lead) => {
    if (beat.count === 0) return null;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i <= to; i++) {
      lo = Math.min(lo, lead[i]!);
      hi = Math.max(hi, lead[i]!);
    }
    return hi - lo;
  });
}

export interface TMeasure {
  /** T peak and T end in fractional samples of the median beat; QT in ms (QRS onset to T end). */
  peak: number;
  end: number;
  qtMs: number;
}

/** T peak and T end of a median beat (see the header), or null when the beat leaves no room for a T wave. */
export function measureT(b: MedianBeat, q: QrsMeasure, rrS: number): TMeasure | null {
  const fs = b.fs;
  const n = b.leads[0]!.length;
  const [x, y, z] = beatVcg(b);
  const k0 = q.baselineIndex;
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) raw[i] = Math.hypot(x[i]! - x[k0]!, y[i]! - y[k0]!, z[i]! - z[k0]!);
  const at = (i: number) => raw[Math.min(n - 1, Math.max(0, i))]!;
  const m = new Float64Array(n);
  for (let i = 0; i < n; i++) m[i] = (at(i - 1) + 2 * at(i) + at(i + 1)) / 4;
  const from = Math.ceil(q.offset + 0.06 * fs);
  const rr = Number.isFinite(rrS) && rrS > 0 ? rrS : 1;
  const to = Math.min(n - 2, Math.floor(q.onset + 0.7 * rr * fs));
  if (!(to - from >= 3)) return null;
  let pk = from;
  for (let i = from; i <= to; i++) if (m[i]! > m[pk]!) pk = i;
  let floor = m[pk]!;
  for (let i = pk; i <= to; i++) floor = Math.min(floor, m[i]!);
  // Steepest descent after the peak (central differences), before the magnitude reaches its floor.
  let k = -1;
  let slope = 0;
  for (let i = pk + 1; i < to; i++) {
    const s = (m[i + 1]! - m[i - 1]!) / 2;
    if (s < slope) {
      slope = s;
      k = i;
    }
    if (m[i]! <= floor) break;
  }
  const end = k < 0 ? pk : Math.min(to, Math.max(k, k + (floor - m[k]!) / slope));
  return {peak: pk, end, qtMs: ((end - q.onset) / fs) * 1000};
}

const num = (v: number | null | undefined): number => (v === null || v === undefined || !Number.isFinite(v) ? NaN : v);

/** The features of one preprocessed 12-lead record (STANDARD_LEADS order) at `fs` (the corpora store 100 Hz). */
export function ecgFeatures(signals: ArrayLike<number>[], fs = 100): EcgFeatures {
  const m = measureRecord(signals, fs);
  const beat = m.beat;
  const none: EcgFeatures = {hr: num(m.hr), rrCv: num(m.rrCv), qrsMs: NaN, prMs: NaN, pAbsent: NaN, qtMs: NaN, qtcMs: NaN, ampII: NaN, ampPrecordial: NaN, tII: NaN, tV5: NaN, axisDeg: NaN};
  if (beat.count === 0 || !Number.isFinite(m.qrs.onset) || !Number.isFinite(m.qrs.offset)) return none;
  const amp = qrsPeakToPeak(m);
  const rrS = 60 / m.hr;
  const t = measureT(beat, m.qrs, rrS);
  const qtMs = t ? t.qtMs : NaN;
  const ref = (lead: number) => beat.leads[lead]![m.qrs.baselineIndex]!;
  const tAmp = (lead: number) => (t ? beat.leads[lead]![t.peak]! - ref(lead) : NaN);
  const netArea = (lead: number) => {
    let s = 0;
    for (let i = Math.floor(m.qrs.onset); i <= Math.ceil(m.qrs.offset); i++) s += beat.leads[lead]![i]! - ref(lead);
    return s;
  };
  let precordial = 0;
  for (let l = LEAD.V1; l < LEAD.V1 + 6; l++) precordial += num(amp[l]);
  return {
    hr: num(m.hr),
    rrCv: num(m.rrCv),
    qrsMs: num(m.qrsMs),
    prMs: num(m.prMs),
    pAbsent: m.prMs === null ? 1 : 0,
    qtMs,
    qtcMs: Number.isFinite(rrS) && rrS > 0 ? qtMs / Math.cbrt(rrS) : NaN,
    ampII: num(amp[LEAD.II]),
    ampPrecordial: precordial,
    tII: tAmp(LEAD.II),
    tV5: tAmp(LEAD.V5),
    axisDeg: (Math.atan2((2 / Math.sqrt(3)) * netArea(LEAD.aVF), netArea(LEAD.I)) * 180) / Math.PI
  };
}

/** The features as a row in BASELINE_FEATURES order. */
export function featureRow(f: EcgFeatures): number[] {
  return [f.hr, f.rrCv, f.qrsMs, f.prMs, f.pAbsent, f.qtMs, f.qtcMs, f.ampII, f.ampPrecordial, f.tII, f.tV5, f.axisDeg];
}

/** Row-major (count x features) raw measurements of a corpus split, NaN where not measured. */
export function splitFeatures(split: CorpusSplit, onRecord?: (i: number) => void): Float64Array {
  const d = BASELINE_FEATURES.length;
  const out = new Float64Array(split.count * d);
  for (let i = 0; i < split.count; i++) {
    out.set(featureRow(ecgFeatures(recordLeads(split, i), 100)), i * d);
    onRecord?.(i);
  }
  return out;
}

function quantileOf(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(sorted.length - 1, lo + 1)] ?? sorted[lo]!) - sorted[lo]!);
}

/**
 * Fill and clip the raw measurements with the training split's statistics: NaN -> the training median of the
 * feature (0 when it was never measured there); then clipped to the training split's 1st-99th percentiles.
 */
export function prepareFeatures(train: Float64Array, others: Float64Array[], d: number): Float32Array[] {
  const n = train.length / d;
  const stats = Array.from({length: d}, (_, j) => {
    const v: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isFinite(train[i * d + j]!)) v.push(train[i * d + j]!);
    v.sort((a, b) => a - b);
    return v.length ? {median: quantileOf(v, 0.5), lo: quantileOf(v, 0.01), hi: quantileOf(v, 0.99)} : {median: 0, lo: 0, hi: 0};
  });
  return [train, ...others].map((x) => {
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const s = stats[i % d]!;
      const v = Number.isFinite(x[i]!) ? x[i]! : s.median;
      out[i] = Math.min(s.hi, Math.max(s.lo, v));
    }
    return out;
  });
}

export interface FeatureBaseline {
  dataset: string;
  /** The corpus's hash (its cache file is <dataset>-<hash>.bin). */
  corpusHash: string;
  version: string;
  features: string[];
  records: {train: number; val: number; test: number};
  /** Test loss of the probe on the features, its standard error, macro AUROC. */
  loss: number;
  lossSe: number;
  auroc: number | null;
  /** The constant predictor (training-split prevalences) on the same test split, with its standard error. */
  constantLoss: number;
  constantLossSe: number;
  /** SE of the paired per-record difference baseline - constant on the test split. */
  lossVsConstantSe: number;
  lambda: number;
  converged: boolean;
  /** Share of records per split where a feature was imputed (any NaN), over all splits. */
  imputedShare: number;
}

/** Fit the probe on already measured features (raw, NaN where missing) of the three splits. */
export function baselineFromFeatures(
  raw: {train: Float64Array; val: Float64Array; test: Float64Array},
  labels: {train: Float32Array | Int32Array; val: Float32Array | Int32Array; test: Float32Array | Int32Array},
  task: {kind: "multilabel" | "multiclass"; classes: number},
  dims = BASELINE_FEATURES.length
): ProbeResult {
  const [train, val, test] = prepareFeatures(raw.train, [raw.val, raw.test], dims);
  const split = (x: Float32Array, y: Float32Array | Int32Array): ProbeSplit => ({x, y, n: x.length / dims});
  return trainLinearProbe(split(train!, labels.train), split(val!, labels.val), split(test!, labels.test), {kind: task.kind, classes: task.classes, dims});
}

/** The baseline of one OOD corpus: measure every record of its three splits, then the probe. */
export function featureBaseline(corpus: Corpus, onProgress?: (done: number, total: number) => void): FeatureBaseline {
  const {kind, classes} = corpus.task;
  const s = corpus.splits;
  const total = s.train.count + s.val.count + s.test.count;
  let done = 0;
  const tick = () => {
    done++;
    if (done % 250 === 0 || done === total) onProgress?.(done, total);
  };
  const raw = {train: splitFeatures(s.train, tick), val: splitFeatures(s.val, tick), test: splitFeatures(s.test, tick)};
  const y = (split: CorpusSplit) => (kind === "multilabel" ? Float32Array.from(split.labels) : Int32Array.from(split.labels));
  const r = baselineFromFeatures(raw, {train: y(s.train), val: y(s.val), test: y(s.test)}, {kind, classes: classes.length});
  const d = BASELINE_FEATURES.length;
  let imputed = 0;
  for (const x of [raw.train, raw.val, raw.test]) for (let i = 0; i < x.length / d; i++) if (x.subarray(i * d, (i + 1) * d).some((v) => !Number.isFinite(v))) imputed++;
  return {
    dataset: corpus.name,
    corpusHash: corpus.hash,
    version: BASELINE_VERSION,
    features: [...BASELINE_FEATURES],
    records: {train: s.train.count, val: s.val.count, test: s.test.count},
    loss: r.testLoss,
    lossSe: r.testLossSe,
    auroc: r.testAuroc ?? null,
    constantLoss: r.constantLoss,
    constantLossSe: r.constantLossSe,
    lossVsConstantSe: r.lossVsConstantSe,
    lambda: r.lambda,
    converged: r.converged,
    imputedShare: imputed / total
  };
}
