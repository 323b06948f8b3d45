/**
 * Chronic conditions as changes of the beat template, each a clinical statement made geometric:
 * which activation fronts are lost, delayed or added, and where they point. Criteria and patterns follow
 * Surawicz, Childers et al. 2009 (AHA/ACCF/HRS recommendations part III: intraventricular conduction
 * disturbances), Hancock et al. 2009 (part V: ST segment, T and U waves), Wagner et al. 2009 (part VI:
 * acute ischemia / infarction), Hancock et al. 2009 (part V: chamber hypertrophy), and the Minnesota code.
 *
 * Two stages: `applyToParams` changes the scalar parameters (axis, voltage, durations) before the template
 * is built; `applyToTemplate` edits the waves (adds R', removes septal forces, moves T) afterwards.
 */
import type {Rng} from "../util/prng.js";
import {type BeatTemplate, type MorphologyParams, type Wave, addStPlateau, QRS_EDGE} from "./morphology.js";
import {type Vec3, add, dot, scale, sub, unit} from "./vec.js";

export const MI_TERRITORIES = ["anterior", "inferior", "lateral", "posterior"] as const;
export type MiTerritory = (typeof MI_TERRITORIES)[number];

/** Unit vectors from the heart's centre towards each infarct territory (Frank axes). */
export const TERRITORY_DIR: Record<MiTerritory, Vec3> = {
  anterior: unit([0.3, 0, -0.95]), // LAD: anterior wall and septum, faced by V1-V4
  inferior: unit([0, 1, 0.1]), // RCA: inferior wall, faced by II, III, aVF
  lateral: unit([0.95, -0.3, 0.1]), // LCx: lateral wall, faced by I, aVL, V5, V6
  posterior: unit([0.1, 0.1, 1]) // posterior wall, mirrored in V1-V2
};

export interface MiSpec {
  territory: MiTerritory;
  /** Acute: ST elevation towards the territory; old: Q waves and T inversion. */
  stage: "acute" | "old";
  /** Magnitude of the initial (Q) vector pointing away from the scar, mV. */
  qAmp: number;
  /** Share of the territory's forces lost from the QRS. */
  loss: number;
  /** Magnitude of the T vector pushed away from the territory (old) or towards it (acute, hyperacute T), mV. */
  tShift: number;
  /** ST vector magnitude towards the territory (acute only), mV. */
  stAmp: number;
}

export type SttcKind = "flat" | "inverted" | "depression" | "depression+inverted";
export type WpwPathway = "left-lateral" | "posteroseptal" | "right-free-wall";

/** Persistent, patient-level details of each condition present (drawn once per patient). */
export interface ConditionDetails {
  rbbb: null | {qrsMs: number; rPrimeAmp: number};
  lbbb: null | {qrsMs: number; ampGain: number; notch: number};
  irbbb: null | {qrsMs: number; rPrimeAmp: number};
  lafb: null | {axisDeg: number};
  ivcd: null | {qrsMs: number};
  wpw: null | {prMs: number; deltaMs: number; pathway: WpwPathway; deltaAmp: number};
  avb1: null | {prMs: number};
  mi: MiSpec | null;
  sttc: null | {kind: SttcKind; tGain: number; stAmp: number; qtcAddMs: number};
  lvh: null | {voltage: number; strain: boolean};
  rvh: null | {axisDeg: number; anterior: number};
  lae: boolean;
  rae: boolean;
  lowVoltage: null | {gain: number};
}

export function noConditions(): ConditionDetails {
  return {rbbb: null, lbbb: null, irbbb: null, lafb: null, ivcd: null, wpw: null, avb1: null, mi: null, sttc: null, lvh: null, rvh: null, lae: false, rae: false, lowVoltage: null};
}

export interface ConditionFlags {
  rbbb: boolean;
  lbbb: boolean;
  irbbb: boolean;
  lafb: boolean;
  ivcd: boolean;
  wpw: boolean;
  avb1: boolean;
  mi: MiTerritory | null;
  sttc: boolean;
  lvh: boolean;
  rvh: boolean;
  lae: boolean;
  rae: boolean;
  lowVoltage: boolean;
}

/** Draws the persistent details of the conditions a patient has. */
export function drawConditionDetails(rng: Rng, f: ConditionFlags): ConditionDetails {
  const d = noConditions();
  // Bundle branch blocks: QRS >= 120 ms by definition (Surawicz 2009); nominal widths start at 132 ms (most
  // complete blocks measure 130-160 ms) so that the label stays unambiguous after sampling at 100 Hz.
  if (f.rbbb) d.rbbb = {qrsMs: rng.uniform(132, 165), rPrimeAmp: rng.uniform(0.6, 1.2)};
  if (f.lbbb) d.lbbb = {qrsMs: rng.uniform(135, 175), ampGain: rng.uniform(1.1, 1.6), notch: rng.uniform(0.35, 0.7)};
  if (f.irbbb && !f.rbbb && !f.lbbb) d.irbbb = {qrsMs: rng.uniform(100, 114), rPrimeAmp: rng.uniform(0.25, 0.5)};
  if (f.lafb && !f.lbbb) d.lafb = {axisDeg: rng.uniform(-75, -45)};
  if (f.ivcd && !f.rbbb && !f.lbbb) d.ivcd = {qrsMs: rng.uniform(110, 117)};
  if (f.wpw && !f.rbbb && !f.lbbb) {
    d.wpw = {prMs: rng.uniform(85, 115), deltaMs: rng.uniform(30, 50), pathway: rng.pick(["left-lateral", "posteroseptal", "right-free-wall"] as const), deltaAmp: rng.uniform(0.3, 0.6)};
  }
  // First-degree AV block: PR > 200 ms; nominal PR kept >= 214 ms at every heart rate (see rhythm.ts).
  if (f.avb1 && !d.wpw) d.avb1 = {prMs: rng.uniform(225, 330)};
  if (f.mi) {
    const stage = rng.bernoulli(0.2) ? "acute" : "old";
    d.mi = {territory: f.mi, stage, qAmp: rng.uniform(0.3, 0.7), loss: rng.uniform(0.5, 0.9), tShift: rng.uniform(0.15, 0.4), stAmp: stage === "acute" ? rng.uniform(0.12, 0.35) : 0};
  }
  if (f.sttc) {
    const kind = rng.pick(["flat", "inverted", "depression", "depression+inverted"] as const, [0.35, 0.25, 0.2, 0.2]);
    d.sttc = {kind, tGain: kind === "flat" ? rng.uniform(0.1, 0.35) : rng.uniform(0.4, 0.9), stAmp: kind.startsWith("depression") ? rng.uniform(0.06, 0.15) : 0, qtcAddMs: rng.uniform(0, 30)};
  }
  if (f.lvh) d.lvh = {voltage: rng.uniform(1.6, 2.3), strain: rng.bernoulli(0.5)};
  if (f.rvh) d.rvh = {axisDeg: rng.uniform(100, 140), anterior: rng.uniform(0.5, 1.0)};
  d.lae = f.lae || (f.lvh && rng.bernoulli(0.3));
  d.rae = f.rae || (f.rvh && rng.bernoulli(0.5));
  if (f.lowVoltage) d.lowVoltage = {gain: rng.uniform(0.3, 0.45)};
  return d;
}

/** Stage 1: scalar parameters. */
export function applyToParams(m: MorphologyParams, d: ConditionDetails): void {
  if (d.lafb) {
    m.qrsAxisDeg = d.lafb.axisDeg;
    m.qrsDurMs = Math.min(116, m.qrsDurMs + 10);
  }
  if (d.lvh) {
    m.qrsAmp *= d.lvh.voltage;
    m.qrsTiltDeg += 12;
    m.qrsAxisDeg -= 12;
    m.qrsDurMs = Math.min(116, m.qrsDurMs + 10);
  }
  if (d.rvh) {
    m.qrsAxisDeg = d.rvh.axisDeg;
    m.qrsTiltDeg -= 25 * d.rvh.anterior;
  }
  if (d.ivcd) m.qrsDurMs = d.ivcd.qrsMs;
  if (d.irbbb) m.qrsDurMs = Math.max(m.qrsDurMs, d.irbbb.qrsMs);
  if (d.avb1) m.prMs = d.avb1.prMs;
  if (d.lae) m.pDurMs = Math.max(m.pDurMs, 118) + 8;
  if (d.sttc) m.qtcMs += d.sttc.qtcAddMs;
  if (d.lowVoltage) {
    m.qrsAmp *= d.lowVoltage.gain;
    m.septalAmp *= d.lowVoltage.gain;
    m.terminalAmp *= d.lowVoltage.gain;
    m.tAmp *= 0.6;
  }
}

/** Re-times the QRS waves into a new duration (block or delay lengthens every front proportionally). */
function stretchQrs(t: BeatTemplate, newDur: number): void {
  const k = newDur / t.qrsDur;
  for (const w of t.qrs) {
    w.t *= k;
    w.sigma *= k;
  }
  t.rPeak *= k;
  t.qrsDur = newDur;
}

/** Points the T (and optionally ST) waves against `dir`: the secondary repolarisation change of blocks and strain. */
function discordantT(t: BeatTemplate, dir: Vec3, tAmp: number, stAmp: number): void {
  const len = t.qtc - t.qrsDur;
  const tWaves = t.stt.filter((w) => w.sigma > 0.02 * len);
  for (const w of tWaves) {
    const total = tWaves.length;
    w.v = add(scale(w.v, 0.25), scale(dir, (-tAmp * 0.9) / total));
  }
  if (stAmp > 0) addStPlateau(t.stt, len, scale(dir, -stAmp));
}

function mainWave(t: BeatTemplate): Wave {
  let best = t.qrs[0]!;
  for (const w of t.qrs) if (Math.hypot(...w.v) > Math.hypot(...best.v)) best = w;
  return best;
}

/** Stage 2: waves. Order matters: blocks reshape the QRS, then infarct, strain and ST-T changes act on it. */
export function applyToTemplate(t: BeatTemplate, d: ConditionDetails): void {
  const main = mainWave(t);
  const mainDir = unit(main.v);
  const mainAmp = Math.hypot(...main.v);

  if (d.lafb) {
    // Left anterior fascicular block: initial forces inferior and rightward (q in I and aVL, r in II, III, aVF).
    const septal = t.qrs[0]!;
    septal.v = scale(unit([-0.3, 0.9, -0.3]), Math.hypot(...septal.v));
  }

  if (d.rvh) {
    // Right ventricular forces dominate late: anterior and rightward (tall R in V1, deep S in V6).
    const term = t.qrs[t.qrs.length - 1]!;
    term.v = scale(unit([-0.5, 0.3, -0.8]), Math.hypot(...term.v) + 0.5 * d.rvh.anterior);
    discordantT(t, unit([0, 0.2, -1]), 0.25, 0);
  }

  if (d.irbbb) {
    const s = 0.085 * t.qrsDur;
    t.qrs.push({t: t.qrsDur - QRS_EDGE * s, sigma: s, v: scale(unit([-0.4, -0.05, -0.9]), d.irbbb.rPrimeAmp)});
  }

  if (d.rbbb) {
    // Right bundle branch block: the septum and left ventricle activate normally (rS in V1), then the right
    // ventricle is activated late and slowly through muscle: a terminal rightward-anterior force gives R' in
    // V1 (rSR') and a wide S in I and V6. T is secondary, discordant to the terminal force (V1-V3).
    const sR = (0.11 * d.rbbb.qrsMs) / 1000;
    const end = d.rbbb.qrsMs / 1000;
    const term = t.qrs[t.qrs.length - 1]!;
    term.v = scale(term.v, 0.4);
    const rPrimeDir = unit([-0.45, -0.05, -0.85]);
    t.qrs.push({t: end - QRS_EDGE * sR, sigma: sR, v: scale(rPrimeDir, d.rbbb.rPrimeAmp)});
    t.qrsDur = end;
    discordantT(t, rPrimeDir, 0.2, 0);
  }

  if (d.lbbb) {
    // Left bundle branch block: the septum is activated right-to-left (no septal q in I, V6; no r or a tiny
    // r in V1), the left ventricle slowly through muscle: broad, notched leftward-posterior forces (broad
    // notched R in I, aVL, V5, V6; QS or rS in V1-V3) and discordant ST-T.
    const D = d.lbbb.qrsMs / 1000;
    const lvDir = unit(add(scale(mainDir, 0.6), [0.55, -0.05, 0.55]));
    const amp = mainAmp * d.lbbb.ampGain;
    const s1 = 0.12 * D;
    const s2 = 0.12 * D;
    t.qrs = [
      {t: QRS_EDGE * 0.07 * D, sigma: 0.07 * D, v: scale(unit([0.6, 0.1, 0.3]), 0.18 * amp)},
      {t: 0.36 * D, sigma: s1, v: scale(unit(add(lvDir, [0.15, 0, -0.15])), (0.75 + 0.1 * d.lbbb.notch) * amp)},
      {t: D - QRS_EDGE * s2, sigma: s2, v: scale(unit(add(lvDir, [-0.05, -0.1, 0.2])), (0.5 + 0.5 * d.lbbb.notch) * amp)}
    ];
    t.qrsDur = D;
    t.rPeak = 0.36 * D;
    discordantT(t, lvDir, 0.45, 0.12);
  }

  if (d.ivcd && t.qrsDur < d.ivcd.qrsMs / 1000) stretchQrs(t, d.ivcd.qrsMs / 1000);

  if (d.wpw) {
    // Pre-excitation: the accessory pathway starts ventricular activation early and slowly (delta wave),
    // shortening PR and widening the QRS by the same amount.
    const dirs: Record<WpwPathway, Vec3> = {
      "left-lateral": unit([-0.3, 0.5, -0.8]),
      posteroseptal: unit([0.4, -0.7, -0.5]),
      "right-free-wall": unit([0.7, 0.2, 0.6])
    };
    const delta = d.wpw.deltaMs / 1000;
    for (const w of t.qrs) w.t += delta;
    t.rPeak += delta;
    const sd = delta / 2.2;
    t.qrs.unshift({t: 1.6 * sd, sigma: sd * 1.2, v: scale(dirs[d.wpw.pathway], d.wpw.deltaAmp)});
    t.qrsDur += delta;
    t.pr = d.wpw.prMs / 1000 - delta + 0.04;
    discordantT(t, dirs[d.wpw.pathway], 0.1, 0);
  }

  if (d.mi) applyInfarct(t, d.mi);

  if (d.lvh?.strain) discordantT(t, unit(main.v), 0.3, 0.1);

  if (d.sttc) {
    const len = t.qtc - t.qrsDur;
    const tWaves = t.stt.slice(0, 2);
    if (d.sttc.kind === "flat") for (const w of tWaves) w.v = scale(w.v, d.sttc.tGain);
    if (d.sttc.kind.includes("inverted")) {
      // Lateral T inversion: the T vector turned away from the left ventricle.
      for (const w of tWaves) w.v = sub(scale(w.v, 0.2), scale(unit([0.9, 0.2, 0.1]), 0.3 * d.sttc.tGain));
    }
    if (d.sttc.stAmp > 0) addStPlateau(t.stt, len, scale(mainDir, -d.sttc.stAmp));
  }

  if (d.lae || d.rae) {
    for (const w of t.p) {
      const la = w.v[2] > 0;
      if (la && d.lae) w.v = add(scale(w.v, 1.3), [0, 0, 0.06]); // P mitrale: broad, terminal negativity in V1
      if (!la && d.rae) w.v = scale(w.v, 1.9); // P pulmonale: tall P in II
    }
    if (d.lae && t.p.length === 2) {
      t.p[1]!.t += 0.012; // separate the humps (notched P)
      t.pDur += 0.012;
    }
  }
}

/**
 * Myocardial infarction (Thygesen et al. 2018, 4th universal definition; Wagner et al. 2009): the scar
 * no longer generates forces, so the early QRS points away from the territory (Q waves in the leads facing
 * it); repolarisation turns away (old: T inversion) or the injury current points towards it (acute: ST
 * elevation in the facing leads, reciprocal depression opposite, tall hyperacute T).
 */
export function applyInfarct(t: BeatTemplate, mi: MiSpec): void {
  const u = TERRITORY_DIR[mi.territory];
  const D = t.qrsDur;
  for (const w of t.qrs) {
    const along = dot(w.v, u);
    if (along > 0) {
      const early = w.t < 0.5 * D ? 1 : 0.5;
      w.v = sub(w.v, scale(u, along * mi.loss * early));
    }
  }
  if (mi.stage === "old" || mi.territory === "posterior" || mi.qAmp > 0.5) {
    const sQ = 0.12 * D;
    t.qrs.push({t: 0.22 * D, sigma: sQ, v: scale(u, -mi.qAmp)});
  }
  const len = t.qtc - t.qrsDur;
  const tWaves = t.stt.slice(0, 2);
  if (mi.stage === "old") {
    for (const w of tWaves) {
      const along = dot(w.v, u);
      w.v = sub(w.v, scale(u, Math.max(0, along) * 1.3 + mi.tShift * 0.5));
    }
  } else {
    for (const w of tWaves) w.v = add(w.v, scale(u, mi.tShift * 0.6));
    addStPlateau(t.stt, len, scale(u, mi.stAmp));
  }
}
