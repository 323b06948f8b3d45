/**
 * Which (patient, record) pairs make up each split, before any signal is rendered.
 *
 * Splits are by patient. Every patient gets a seeded uniform key (from the corpus's synthesiser seed, so it
 * does not depend on the corpus size or on generation order); patients sorted by key form a seeded shuffle:
 * the first `test` patients are the test split, the next `val` the validation split, the rest the training
 * split, each in key order with a patient's records kept together in record order. So the training split is
 * a seeded shuffle by patient, and the first D training records are a prefix of the first D' > D: the records
 * of a run with D = 500 are a subset of those of a run with D = 1000.
 *
 * ID: patient p has 1-4 records (a seeded draw from `recordsPerPatient`). OOD: one record per patient; a task
 * whose label rule can reject a record (single-label CPSC) screens patients in index order on the fast 100 Hz
 * path (labels do not depend on the device: device draws come from their own streams) and keeps the first
 * that qualify (and, for a class with a `keep` share below 1, pass a seeded draw); the record is then rendered on the dataset's device and its label checked again.
 */
import {generateRecord} from "../synth/generate.js";
import {makePatient} from "../synth/patient.js";
import {deriveSeed, Rng} from "../util/prng.js";
import type {CorpusConfig} from "./config.js";
import {LABEL_RULES} from "./labels.js";
import type {SplitName} from "./types.js";

export interface PlannedRecord {
  patient: number;
  record: number;
  /** Class id found when screening (selective tasks only), checked after rendering. */
  screened?: number;
}

export type CorpusPlan = Record<SplitName, PlannedRecord[]>;

/** Screening gives up when this many patients per wanted record have been looked at. */
const MAX_SCREENED_PER_RECORD = 200;

function splitKey(seed: number, patient: number): number {
  return new Rng(deriveSeed(seed, "split", patient)).next();
}

function recordCount(seed: number, patient: number, probabilities: number[]): number {
  const u = new Rng(deriveSeed(seed, "records", patient)).next();
  let acc = 0;
  for (let k = 0; k < probabilities.length; k++) {
    acc += probabilities[k]!;
    if (u < acc) return k + 1;
  }
  return probabilities.length;
}

/** Patients in seeded-shuffle order, split into test, val and train by counts of patients. */
function byKey(seed: number, patients: number[], nVal: number, nTest: number): Record<SplitName, number[]> {
  const keyed = patients.map((p) => ({p, k: splitKey(seed, p)}));
  keyed.sort((a, b) => a.k - b.k || a.p - b.p);
  const order = keyed.map((e) => e.p);
  if (nVal + nTest >= order.length) throw new Error(`corpus: ${order.length} patients cannot hold ${nVal} validation and ${nTest} test patients plus training`);
  return {test: order.slice(0, nTest), val: order.slice(nTest, nTest + nVal), train: order.slice(nTest + nVal)};
}

export function planCorpus(config: CorpusConfig): CorpusPlan {
  const seed = config.synth.seed;
  const size = config.size;
  if (size.kind === "patients") {
    const counts = new Map<number, number>();
    const patients = Array.from({length: size.patients}, (_, p) => p);
    for (const p of patients) counts.set(p, recordCount(seed, p, size.recordsPerPatient));
    const split = byKey(seed, patients, size.valPatients, size.testPatients);
    const records = (ps: number[]) => ps.flatMap((p) => Array.from({length: counts.get(p)!}, (_, r) => ({patient: p, record: r})));
    return {train: records(split.train), val: records(split.val), test: records(split.test)};
  }
  const total = size.train + size.val + size.test;
  const rule = LABEL_RULES[config.task.rule];
  const screened = new Map<number, number>();
  const accepted: number[] = [];
  if (!rule.selective) {
    for (let p = 0; p < total; p++) accepted.push(p);
  } else {
    const out = new Uint8Array(rule.classes.length);
    const keep = rule.classes.map((name) => config.task.keep[name] ?? 1);
    for (let p = 0; accepted.length < total; p++) {
      if (p > MAX_SCREENED_PER_RECORD * total) throw new Error(`corpus ${config.name}: only ${accepted.length} of ${p} screened patients qualify; raise the prevalences`);
      const g = generateRecord(config.synth, p, 0, {patient: makePatient(config.synth, p)});
      const c = rule.label(g.truth, out);
      if (c >= 0 && (keep[c]! >= 1 || new Rng(deriveSeed(seed, "keep", p)).next() < keep[c]!)) {
        accepted.push(p);
        screened.set(p, c);
      }
    }
  }
  const split = byKey(seed, accepted, size.val, size.test);
  const records = (ps: number[]) => ps.map((p) => (screened.has(p) ? {patient: p, record: 0, screened: screened.get(p)!} : {patient: p, record: 0}));
  return {train: records(split.train), val: records(split.val), test: records(split.test)};
}
