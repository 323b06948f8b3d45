/**
 * A long-tailed multi-label label rule standing for MIMIC-IV-ECG's ICD-10 circulatory ("I") discharge codes,
 * the label space of the paper's label-scaling study (section 5, Fig. 6; issue 16). 333 classes; prevalences
 * per record follow MIMIC's long tail: the head as the paper reports it (I10 essential hypertension 22.67 %,
 * I25.10 atherosclerotic heart disease 15.90 %, I48.91 atrial fibrillation 12.13 %, I50.9 heart failure 9.35 %,
 * I12.9 hypertensive kidney disease 6.54 %), then about 40 more named codes at rates typical of a hospital
 * ECG population (written below with each), then a power-law tail from 0.5 % down to 0.034 % (about five records
 * in a 15,000-record training split), as billing codes have.
 *
 * How a class is generated. Every class c has a specified prevalence pi_c, an ECG driver d_c(truth) in [0, 1]
 * read from the generator's ground truth (training/synth/truth.ts: rhythm, conditions, latent structural state,
 * latent risk, age) and a strength w_c in [0, 1]:
 *
 *   P(c | record) = pi_c ((1 - w_c) + w_c d_c / q_d),     q_d = E[d] over the corpus (DRIVER_MEANS, measured),
 *
 * so that the marginal is pi_c whatever the strength, a record with the driver present is more likely coded
 * (w_c = 0: a code invisible in the ECG; w_c = 1: coded only through its driver), and w_c is capped where the
 * probability would pass 1. The label is then drawn as u_c < P with u_c uniform from a Gaussian copula:
 *
 *   u_c = Phi(0.35 z_cardiometabolic + 0.5 z_group + 0.55 a_c + 0.57 r_c),
 *
 * z_cardiometabolic and z_group per patient (shared by all codes, resp. all codes of the code's group), a_c
 * per patient and class, r_c per record and class: codes of a patient recur across its records (a chronic
 * diagnosis), related codes co-occur beyond what their shared ECG drivers give (hypertension with CKD and heart
 * failure, the heart-failure subcodes with each other; I11.0 / I13.0 / I13.2, hypertensive disease with heart
 * failure, share the heart-failure latent), and the marginal stays exactly P. The patient's
 * stream is seeded from its index and its latent risk's float bits (distinct per corpus without the corpus
 * seed, which a label rule does not see), the record's from the record seed.
 *
 * Drivers (what a clinician would read off the ECG, or the latent state behind the code):
 *  - htn: LVH by voltage (strain or not): I10, I11.x, I12.x, I13.x, I15-I16 (hypertensive disease; CKD codes weakly).
 *  - htnHf: LVH with the latent structural state (hypertensive heart disease with heart failure: I11.0, I13.0).
 *  - ihd: infarct of any territory or age (1), non-specific ST-T change (0.5): I20, I25 (chronic ischaemic).
 *  - oldMi: an old infarct with Q waves and T inversion: I25.2.
 *  - acuteMi: an acute infarct with ST elevation (1), ST depression (0.4; NSTEMI): I21-I24, I21.4.
 *  - stemiAnt / stemiInf: an acute infarct of the anterior / inferior wall: I21.0x / I21.1x.
 *  - af: AF rhythm (irregular RR, f waves): I48.0, I48.1x, I48.2x, I48.91. Paroxysmal patients coded while in
 *    sinus rhythm are the (1 - w) share.
 *  - flutter: atrial flutter (sawtooth, regular ventricular rate): I48.3, I48.4, I48.92.
 *  - svt: supraventricular tachycardia: I47.1x.
 *  - hf: latent structural severity (reduced function: broader P, longer QRS and QTc, voltage change): I50.x.
 *  - cmp: structural severity or LBBB: I42.x cardiomyopathies, I43.
 *  - valve: structural state (0.6), LAE (0.4), LVH (0.3), capped at 1: I34-I39.
 *  - pulm: RVH or RAE (1), sinus tachycardia (0.3): I26 (embolism), I27 (pulmonary hypertension), I28.
 *  - pericardial: low QRS voltage (effusion): I31.x, I30 weakly.
 *  - lbbb, rbbb, avb1, lafb, ivcd, wpw, longqt, brady, pvc, pac: the conduction and rhythm findings of the same
 *    name (I44.7, I45.10, I44.0, I44.4, I45.4, I45.6, I45.81, I49.5 / I44.2, I49.3 / I47.2, I49.1).
 *  - ectopy: PVC or PAC: I49.9, I49.8.
 *  - risk: the acute-care risk label (latent severity): I46 arrest, I95 hypotension, shock-like codes.
 *  - cvd: AF rhythm (1; cardioembolic stroke) or age 75+ (0.4): I60-I69 cerebrovascular codes, weakly.
 *  - athero: infarct (1) or age 70+ (0.4): I70-I79 arterial disease, weakly.
 *  - none: I80-I89 venous and lymphatic codes and most of I97-I99: invisible in the ECG.
 * Tail classes take their group's driver at a low strength (0.1-0.3 typically): many billing codes are only
 * weakly visible, if at all. Tail prevalences are assigned to the tail codes by a fixed seeded shuffle (so the
 * tail is not ordered by group): pi_r = 0.005 (21 / (r + 21)) for tail rank r = 0, 1, ...
 */
import type {SynthRecordTruth} from "../synth/truth.js";
import {deriveSeed, Rng} from "../util/prng.js";

export type IcdDriver =
  | "none" | "htn" | "htnHf" | "ihd" | "oldMi" | "acuteMi" | "stemiAnt" | "stemiInf" | "af" | "flutter" | "svt" | "hf" | "cmp" | "valve" | "pulm"
  | "pericardial" | "lbbb" | "rbbb" | "avb1" | "lafb" | "ivcd" | "wpw" | "longqt" | "brady" | "pvc" | "pac" | "ectopy" | "risk" | "cvd" | "athero";

const has = (xs: readonly string[], x: string): boolean => xs.includes(x);

/** Driver values in [0, 1] from a record's ground truth. */
export const ICD_DRIVERS: Record<IcdDriver, (t: SynthRecordTruth) => number> = {
  none: () => 0,
  htn: (t) => (has(t.factors.hyp, "LVH") ? 1 : 0),
  htnHf: (t) => (has(t.factors.hyp, "LVH") && t.factors.structural ? 1 : has(t.factors.hyp, "LVH") || t.factors.structural ? 0.3 : 0),
  ihd: (t) => (t.factors.mi !== null ? 1 : t.factors.sttc ? 0.5 : 0),
  oldMi: (t) => (t.factors.miStage === "old" ? 1 : 0),
  acuteMi: (t) => (t.factors.miStage === "acute" ? 1 : has(t.factors.form, "STD_") ? 0.4 : 0),
  stemiAnt: (t) => (t.factors.miStage === "acute" && t.factors.mi === "anterior" ? 1 : 0),
  stemiInf: (t) => (t.factors.miStage === "acute" && t.factors.mi === "inferior" ? 1 : 0),
  af: (t) => (t.rhythm === "af" ? 1 : 0),
  flutter: (t) => (t.rhythm === "flutter" ? 1 : 0),
  svt: (t) => (t.rhythm === "svt" ? 1 : 0),
  hf: (t) => t.factors.structuralSeverity,
  cmp: (t) => Math.max(t.factors.structuralSeverity, has(t.factors.cd, "LBBB") ? 1 : 0),
  valve: (t) => Math.min(1, (t.factors.structural ? 0.6 : 0) + (has(t.factors.hyp, "LAE") ? 0.4 : 0) + (has(t.factors.hyp, "LVH") ? 0.3 : 0)),
  pulm: (t) => (has(t.factors.hyp, "RVH") || has(t.factors.hyp, "RAE") ? 1 : t.rhythmClass === "STACH" ? 0.3 : 0),
  pericardial: (t) => (has(t.factors.form, "LVOLT") ? 1 : 0),
  lbbb: (t) => (has(t.factors.cd, "LBBB") ? 1 : 0),
  rbbb: (t) => (has(t.factors.cd, "RBBB") ? 1 : 0),
  avb1: (t) => (has(t.factors.cd, "1AVB") ? 1 : 0),
  lafb: (t) => (has(t.factors.cd, "LAFB") ? 1 : 0),
  ivcd: (t) => (has(t.factors.cd, "IVCD") ? 1 : 0),
  wpw: (t) => (has(t.factors.cd, "WPW") ? 1 : 0),
  longqt: (t) => (has(t.factors.form, "LNGQT") ? 1 : 0),
  brady: (t) => (t.rhythmClass === "SBRAD" ? 1 : 0),
  pvc: (t) => (t.factors.pvc ? 1 : 0),
  pac: (t) => (t.factors.pac ? 1 : 0),
  ectopy: (t) => (t.factors.pvc || t.factors.pac ? 1 : 0),
  risk: (t) => (t.factors.risk ? 1 : 0),
  cvd: (t) => (t.rhythm === "af" ? 1 : t.factors.age >= 75 ? 0.4 : 0),
  athero: (t) => (t.factors.mi !== null ? 1 : t.factors.age >= 70 ? 0.4 : 0)
};

/**
 * E[d] of every driver over the mimic-icd corpus (specs.ts), measured on 40,000 records of its default seed
 * (the first 40,000 planned records at scale 3, training split first; the generator's truth, fast path). The label
 * rule is calibrated for that corpus; on another population the marginals move with its driver rates
 * (test/unit/corpus-icd.test.ts checks them on another seed).
 */
export const DRIVER_MEANS: Record<IcdDriver, number> = {
  none: 1,
  htn: 0.1321,
  htnHf: 0.1489,
  ihd: 0.1964,
  oldMi: 0.1057,
  acuteMi: 0.07459,
  stemiAnt: 0.0097,
  stemiInf: 0.0126,
  af: 0.107,
  flutter: 0.01103,
  svt: 0.0053,
  hf: 0.1827,
  cmp: 0.201,
  valve: 0.2377,
  pulm: 0.06309,
  pericardial: 0.05075,
  lbbb: 0.02998,
  rbbb: 0.0571,
  avb1: 0.0644,
  lafb: 0.04677,
  ivcd: 0.02697,
  wpw: 0.003225,
  longqt: 0.03553,
  brady: 0.0585,
  pvc: 0.1099,
  pac: 0.06548,
  ectopy: 0.1664,
  risk: 0.1742,
  cvd: 0.1833,
  athero: 0.2453
};

export type IcdGroup =
  | "hypertensive" | "ischaemic" | "pulmonary" | "pericardial" | "valvular" | "cardiomyopathy" | "conduction" | "arrest" | "tachycardia"
  | "af-flutter" | "other-arrhythmia" | "heart-failure" | "other-heart" | "cerebrovascular" | "arterial" | "venous" | "other";

/** The group of an I code (ICD-10 chapter IX blocks). */
export function icdGroup(code: string): IcdGroup {
  const n = Number(code.slice(1, 3));
  if (n <= 16) return "hypertensive";
  if (n <= 25) return "ischaemic";
  if (n <= 28) return "pulmonary";
  if (n <= 33 || n === 40 || n === 41) return "pericardial";
  if (n <= 39) return "valvular";
  if (n <= 43) return "cardiomyopathy";
  if (n <= 45) return "conduction";
  if (n === 46) return "arrest";
  if (n === 47) return "tachycardia";
  if (n === 48) return "af-flutter";
  if (n === 49) return "other-arrhythmia";
  if (n === 50) return "heart-failure";
  if (n <= 52) return "other-heart";
  if (n <= 69) return "cerebrovascular";
  if (n <= 79) return "arterial";
  if (n <= 89) return "venous";
  return "other";
}

/** A group's driver and strength for tail codes that name none. */
const GROUP_DEFAULT: Record<IcdGroup, [IcdDriver, number]> = {
  hypertensive: ["htn", 0.15],
  ischaemic: ["ihd", 0.25],
  pulmonary: ["pulm", 0.2],
  pericardial: ["pericardial", 0.12],
  valvular: ["valve", 0.2],
  cardiomyopathy: ["cmp", 0.3],
  conduction: ["ivcd", 0.15],
  arrest: ["risk", 0.4],
  tachycardia: ["svt", 0.4],
  "af-flutter": ["af", 0.5],
  "other-arrhythmia": ["ectopy", 0.3],
  "heart-failure": ["hf", 0.35],
  "other-heart": ["hf", 0.2],
  cerebrovascular: ["cvd", 0.15],
  arterial: ["athero", 0.15],
  venous: ["none", 0],
  other: ["none", 0]
};

/**
 * The head: code, prevalence per record, driver, strength. The first five are the paper's; the rest are
 * rates typical of hospital ECG cohorts (MIMIC-IV's most frequent I codes), rounded.
 */
const HEAD: [string, number, IcdDriver, number][] = [
  ["I10", 0.2267, "htn", 0.35], // essential hypertension
  ["I25.10", 0.159, "ihd", 0.45], // atherosclerotic heart disease of native coronary artery
  ["I48.91", 0.1213, "af", 0.8], // atrial fibrillation, unspecified
  ["I50.9", 0.0935, "hf", 0.5], // heart failure, unspecified
  ["I12.9", 0.0654, "htn", 0.2], // hypertensive chronic kidney disease
  ["I13.0", 0.045, "htnHf", 0.5], // hypertensive heart and CKD with heart failure
  ["I25.2", 0.04, "oldMi", 0.7], // old myocardial infarction
  ["I48.0", 0.036, "af", 0.5], // paroxysmal AF
  ["I11.0", 0.03, "htnHf", 0.5], // hypertensive heart disease with heart failure
  ["I50.32", 0.026, "hf", 0.4], // chronic diastolic heart failure
  ["I95.9", 0.025, "risk", 0.4], // hypotension
  ["I27.20", 0.021, "pulm", 0.35], // pulmonary hypertension
  ["I50.22", 0.02, "hf", 0.6], // chronic systolic heart failure
  ["I21.4", 0.019, "acuteMi", 0.5], // NSTEMI
  ["I73.9", 0.018, "athero", 0.3], // peripheral vascular disease
  ["I35.0", 0.017, "htn", 0.3], // aortic stenosis (LV pressure overload)
  ["I48.2", 0.015, "af", 0.85], // chronic AF
  ["I42.9", 0.015, "cmp", 0.5], // cardiomyopathy, unspecified
  ["I70.0", 0.014, "athero", 0.2], // aortic atherosclerosis
  ["I34.0", 0.013, "valve", 0.3], // mitral insufficiency
  ["I63.9", 0.012, "cvd", 0.3], // cerebral infarction
  ["I49.9", 0.011, "ectopy", 0.3], // arrhythmia, unspecified
  ["I26.99", 0.01, "pulm", 0.3], // pulmonary embolism
  ["I50.42", 0.0095, "hf", 0.5], // chronic combined heart failure
  ["I25.5", 0.009, "ihd", 0.5], // ischaemic cardiomyopathy
  ["I48.92", 0.0085, "flutter", 0.7], // atrial flutter, unspecified
  ["I47.1", 0.007, "svt", 0.7], // supraventricular tachycardia
  ["I50.33", 0.0065, "hf", 0.5], // acute on chronic diastolic heart failure
  ["I50.23", 0.006, "hf", 0.6], // acute on chronic systolic heart failure
  ["I82.409", 0.006, "none", 0], // deep vein thrombosis
  ["I44.7", 0.0055, "lbbb", 0.9], // left bundle branch block
  ["I45.10", 0.0055, "rbbb", 0.85], // right bundle branch block
  ["I49.5", 0.005, "brady", 0.6], // sick sinus syndrome
  ["I44.0", 0.0048, "avb1", 0.8], // first-degree AV block
  ["I47.2", 0.0045, "pvc", 0.5], // ventricular tachycardia
  ["I49.3", 0.004, "pvc", 0.7], // ventricular premature depolarisation
  ["I31.3", 0.004, "pericardial", 0.6], // pericardial effusion
  ["I44.2", 0.0035, "brady", 0.5], // complete AV block
  ["I46.9", 0.003, "risk", 0.5], // cardiac arrest
  ["I49.1", 0.003, "pac", 0.7], // atrial premature depolarisation
  ["I21.09", 0.0025, "stemiAnt", 0.6], // STEMI, anterior wall
  ["I21.19", 0.0025, "stemiInf", 0.6], // STEMI, inferior wall
  ["I45.81", 0.002, "longqt", 0.8], // long QT syndrome
  ["I44.4", 0.0018, "lafb", 0.8], // left anterior fascicular block
  ["I45.4", 0.0012, "ivcd", 0.7], // nonspecific intraventricular block
  ["I45.6", 0.0008, "wpw", 0.9] // pre-excitation syndrome
];

/**
 * The tail: ICD-10-CM chapter IX codes, "code" (the group's driver) or "code:driver:strength". Prevalences come
 * from the power law below, assigned by a fixed shuffle.
 */
const TAIL = `
I11.9 I12.0 I13.10 I13.11 I13.2 I15.0 I15.8 I15.9 I16.0 I16.1 I16.9
I20.0:acuteMi:0.3 I20.1 I20.8 I20.9 I21.01:stemiAnt:0.5 I21.02:stemiAnt:0.5 I21.11:stemiInf:0.5 I21.21:acuteMi:0.4 I21.29:acuteMi:0.4
I21.3:acuteMi:0.4 I21.A1:acuteMi:0.3 I21.A9:acuteMi:0.3 I22.0:acuteMi:0.3 I22.1:acuteMi:0.3 I22.2:acuteMi:0.3 I22.8:acuteMi:0.3
I22.9:acuteMi:0.3 I23.7:acuteMi:0.2 I24.0:acuteMi:0.2 I24.1:acuteMi:0.2 I24.8:acuteMi:0.2 I24.9:acuteMi:0.2 I25.110 I25.111 I25.118
I25.119 I25.3:oldMi:0.4 I25.41 I25.42 I25.6 I25.700 I25.708 I25.710 I25.718 I25.720 I25.728 I25.790 I25.810 I25.811 I25.812 I25.82
I25.83 I25.84 I25.89 I25.9
I26.01 I26.02 I26.09 I26.90 I26.92 I26.93 I26.94 I27.0 I27.1 I27.21 I27.22 I27.23 I27.24 I27.29 I27.81 I27.83 I27.89 I27.9 I28.0
I28.1 I28.8
I30.0 I30.1 I30.8 I30.9 I31.0 I31.1 I31.2 I31.31 I31.39 I31.4:pericardial:0.5 I31.8 I31.9 I32 I33.0:none:0 I33.9:none:0
I40.0:ihd:0.15 I40.1:ihd:0.15 I40.9:ihd:0.15
I34.1 I34.2 I34.8 I34.9 I35.1 I35.2 I35.8 I35.9 I36.0 I36.1 I36.8 I37.0:pulm:0.2 I37.1:pulm:0.2 I37.8 I38 I39
I42.0 I42.1:htn:0.4 I42.2:htn:0.4 I42.5 I42.6 I42.7 I42.8 I43
I44.1:avb1:0.3 I44.30:avb1:0.3 I44.39:avb1:0.3 I44.5 I44.60:lafb:0.3 I44.69:lafb:0.3 I45.0:rbbb:0.4 I45.19:rbbb:0.5 I45.2:rbbb:0.4
I45.3:avb1:0.3 I45.5 I45.89 I45.9
I46.2 I46.8
I47.0:pvc:0.3 I47.10 I47.11 I47.19 I47.20:pvc:0.3 I47.21:pvc:0.3 I47.29:pvc:0.3 I47.9
I48.1 I48.11 I48.19 I48.20 I48.21 I48.3:flutter:0.6 I48.4:flutter:0.6
I49.01:pvc:0.2 I49.02:pvc:0.2 I49.2 I49.40:pac:0.3 I49.49 I49.8
I50.1 I50.20 I50.21 I50.30 I50.31 I50.40 I50.41 I50.43 I50.810 I50.811 I50.812 I50.813 I50.814 I50.82 I50.83 I50.84 I50.89
I51.1 I51.2 I51.3 I51.4 I51.5 I51.7 I51.81:acuteMi:0.4 I51.89 I51.9
I60.9:longqt:0.1 I61.9:longqt:0.1 I62.00:longqt:0.1 I62.9:longqt:0.1 I63.40 I63.411 I63.50 I63.512 I63.81 I63.89 I65.21:athero:0.1
I65.22:athero:0.1 I65.23:athero:0.1 I65.29:athero:0.1 I66.9 I67.2:athero:0.1 I67.82 I67.89 I67.9 I69.30 I69.320 I69.351 I69.354
I69.391 I69.398 I69.959
I70.1 I70.201 I70.203 I70.209 I70.213 I70.219 I70.229 I70.245 I70.25 I70.261 I70.90 I71.01 I71.2 I71.3 I71.4 I71.9 I72.4 I73.00
I74.3 I74.9 I77.1 I77.6 I77.810 I77.811 I77.819 I78.0 I79.8
I80.10 I80.201 I80.202 I80.209 I80.211 I80.219 I80.221 I80.3 I81 I82.401 I82.402 I82.411 I82.412 I82.419 I82.431 I82.432 I82.441
I82.442 I82.4Y9 I82.501 I82.621 I82.890 I82.90 I83.90 I83.93 I85.00 I85.01 I85.10 I85.11 I86.4 I87.1 I87.2 I88.9 I89.0
I95.1:risk:0.3 I95.2:risk:0.2 I95.89:risk:0.3 I96:risk:0.2 I97.0:ihd:0.1 I97.120:risk:0.2 I97.130:risk:0.2 I97.190:ihd:0.1 I97.2
I97.3 I97.410 I97.618 I97.638 I97.710:risk:0.2 I97.790:ihd:0.1 I97.88 I97.89 I99.8 I99.9
`;

/** Tail prevalences: pi(r) = TAIL_TOP ((r + 1 + TAIL_SHIFT) / (1 + TAIL_SHIFT))^-TAIL_EXPONENT, r = 0, 1, ... */
const TAIL_TOP = 0.005;
const TAIL_SHIFT = 20;
const TAIL_EXPONENT = 1;

export interface IcdClass {
  code: string;
  group: IcdGroup;
  prevalence: number;
  driver: IcdDriver;
  /** The specified strength. */
  strength: number;
  /** The strength used: capped so that the probability never passes 1. */
  effectiveStrength: number;
}

function buildClasses(): IcdClass[] {
  const tail = TAIL.trim().split(/\s+/).map((entry) => {
    const [code, driver, strength] = entry.split(":");
    const [gd, gs] = GROUP_DEFAULT[icdGroup(code!)];
    return {code: code!, driver: (driver as IcdDriver | undefined) ?? gd, strength: strength !== undefined ? Number(strength) : gs};
  });
  // Fixed shuffle of the tail's ranks.
  const rng = new Rng(deriveSeed("icd-tail-ranks", 16));
  for (let i = tail.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [tail[i], tail[j]] = [tail[j]!, tail[i]!];
  }
  const head = HEAD.map(([code, prevalence, driver, strength]) => ({code, prevalence, driver, strength}));
  const all = [
    ...head,
    ...tail.map((t, r) => ({...t, prevalence: TAIL_TOP * ((r + 1 + TAIL_SHIFT) / (1 + TAIL_SHIFT)) ** -TAIL_EXPONENT}))
  ];
  const seen = new Set<string>();
  return all.map((c) => {
    if (seen.has(c.code)) throw new Error(`icd: duplicate code ${c.code}`);
    seen.add(c.code);
    if (!(c.driver in ICD_DRIVERS)) throw new Error(`icd: unknown driver ${c.driver} for ${c.code}`);
    const q = DRIVER_MEANS[c.driver];
    // pi ((1 - w) + w / q) <= 1  <=>  w <= q (1 - pi) / (pi (1 - q)), drivers being at most 1.
    const cap = c.driver === "none" || q >= 1 ? 0 : (q * (1 - c.prevalence)) / (c.prevalence * (1 - q));
    return {...c, group: icdGroup(c.code), effectiveStrength: Math.min(c.strength, cap)};
  });
}

export const ICD_CLASSES: readonly IcdClass[] = buildClasses();
export const ICD_CODES: readonly string[] = ICD_CLASSES.map((c) => c.code);
/**
 * The copula's group of a code: its ICD block, except codes that name a condition of another block, which
 * share that block's latent (hypertensive heart disease with heart failure is coded with an I50 code;
 * ischaemic cardiomyopathy is a cardiomyopathy).
 */
const COPULA_GROUP: Record<string, IcdGroup> = {"I11.0": "heart-failure", "I13.0": "heart-failure", "I13.2": "heart-failure", "I25.5": "cardiomyopathy"};
const copulaGroup = (c: IcdClass): IcdGroup => COPULA_GROUP[c.code] ?? c.group;
const GROUPS = [...new Set(ICD_CLASSES.map(copulaGroup))];
const GROUP_INDEX = ICD_CLASSES.map((c) => GROUPS.indexOf(copulaGroup(c)));

/** P(code | record) for every class, in ICD_CODES order. */
export function icdProbabilities(t: SynthRecordTruth, out: Float64Array = new Float64Array(ICD_CLASSES.length)): Float64Array {
  const d = {} as Record<IcdDriver, number>;
  for (const k of Object.keys(ICD_DRIVERS) as IcdDriver[]) d[k] = ICD_DRIVERS[k](t);
  ICD_CLASSES.forEach((c, i) => {
    const w = c.effectiveStrength;
    out[i] = Math.min(1, c.prevalence * (1 - w + (w * d[c.driver]) / DRIVER_MEANS[c.driver]));
  });
  return out;
}

/** Standard normal CDF (Abramowitz & Stegun 26.2.17, |error| < 7.5e-8). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const p = 0.3989422804014327 * Math.exp((-x * x) / 2) * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x > 0 ? 1 - p : p;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** The patient's stream: its index and the float bits of its latent risk (patient-level, distinct per corpus). */
function patientStream(t: SynthRecordTruth): Rng {
  F64[0] = t.factors.riskScore;
  return new Rng(deriveSeed("icd-patient", t.patientIndex, U32[0]!, U32[1]!, t.factors.age));
}

const W_SHARED = 0.35;
const W_GROUP = 0.5;
const W_PATIENT = 0.55;
const W_RECORD = Math.sqrt(1 - W_SHARED ** 2 - W_GROUP ** 2 - W_PATIENT ** 2);

const PROB = new Float64Array(ICD_CLASSES.length);

/** Writes the record's 0/1 codes into `out` (ICD_CODES order). */
export function icdLabels(t: SynthRecordTruth, out: Uint8Array): void {
  icdProbabilities(t, PROB);
  const pr = patientStream(t);
  const shared = pr.normal();
  const group = GROUPS.map(() => pr.normal());
  const rr = new Rng(deriveSeed(t.seed, "icd-record"));
  for (let i = 0; i < ICD_CLASSES.length; i++) {
    const x = W_SHARED * shared + W_GROUP * group[GROUP_INDEX[i]!]! + W_PATIENT * pr.normal() + W_RECORD * rr.normal();
    out[i] = normalCdf(x) < PROB[i]! ? 1 : 0;
  }
}
