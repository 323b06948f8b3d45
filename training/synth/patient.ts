/**
 * A synthetic patient: a persistent identity (sex, age, heart-rate set point, axis, voltages, intervals,
 * chronic conditions, ectopic foci, latent states) drawn from its own seeded stream, shared by all of the
 * patient's records, so that "two records of the same patient" means what it does in CODE or PTB-XL.
 *
 * Normal values and their sex and age dependence: Rautaharju et al. 2009 (AHA/ACCF/HRS part IV) and
 * Macfarlane's normal limits: women have lower QRS voltage, slightly shorter QRS, longer QTc and a faster
 * resting rate; with age the QRS axis moves left, PR lengthens, voltages and T amplitude fall, and heart-rate
 * variability shrinks. Young men often show J-point elevation in V2-V3.
 */
import type {Sex} from "../io/record.js";
import type {SynthConfig} from "./config.js";
import {type ConditionDetails, type ConditionFlags, drawConditionDetails, MI_TERRITORIES, type MiTerritory} from "./conditions.js";
import type {MorphologyParams} from "./morphology.js";
import {conditionProbability, PERSISTENT_AF_SHARE, populationModel, sigmoid} from "./population.js";
import {edition2Of, type Edition2Knobs} from "./edition.js";
import {deriveSeed, Rng} from "../util/prng.js";
import {type Vec3, directionForFrontalAxis, unit} from "./vec.js";

export type AfStatus = "none" | "paroxysmal" | "persistent";

export interface EctopicFocus {
  /** PVC: direction and magnitude of the two broad QRS fronts, QRS duration (ms). */
  dir1: Vec3;
  dir2: Vec3;
  amp: number;
  qrsMs: number;
  /** PAC: frontal axis of the ectopic P wave (low-atrial foci give negative P in II, III, aVF). */
  pacAxisDeg: number;
}

export interface Patient {
  index: number;
  id: string;
  sex: Sex;
  /** Age at the first record. */
  age: number;
  /** Resting sinus rate (bpm) and a standardised rate tendency (drives SB / ST propensity). */
  hrSetPoint: number;
  rateTendency: number;
  /** Multiplies short-term heart-rate variability. */
  hrv: number;
  morph: MorphologyParams;
  flags: ConditionFlags;
  details: ConditionDetails;
  afStatus: AfStatus;
  /** Latent structural heart disease: severity in [0, 1], 0 when absent. */
  structural: number;
  /** Latent acute-care risk, standard normal scale (higher is worse). */
  risk: number;
  ectopic: EctopicFocus;
}

const TERRITORY_WEIGHTS: Record<MiTerritory, number> = {inferior: 0.42, anterior: 0.36, lateral: 0.15, posterior: 0.07};

export function patientSeed(config: SynthConfig, index: number): number {
  return deriveSeed(config.seed, "patient", index);
}

export function makePatient(config: SynthConfig, index: number): Patient {
  const rng = new Rng(patientSeed(config, index));
  const pop = config.population;
  const model = populationModel(config);
  const male = rng.bernoulli(pop.maleFraction);
  const age = Math.round(rng.truncNormal(pop.ageMean, pop.ageSd, pop.ageMin, pop.ageMax));
  const female = male ? 0 : 1;
  const dAge = (age - 40) / 10; // decades from 40

  const structuralPresent = rng.bernoulli(conditionProbability(model, "structural", age, male, false));
  const structural = structuralPresent ? rng.uniform(0.3, 1) : 0;
  const has = (name: Parameters<typeof conditionProbability>[1]): boolean => rng.bernoulli(conditionProbability(model, name, age, male, structuralPresent));

  // Latent risk: age, structural disease and an unobserved part, centred near 0 with sd ~1.1 over the default
  // population; it shifts rate, QTc, voltage, T amplitude and ectopy a little.
  const risk = (0.35 * (age - 55)) / 10 + 1.2 * (structural - 0.1) + rng.normal(0, 0.9);

  const rateTendency = rng.normal();
  const hrSetPoint = Math.min(100, Math.max(48, 70 + 8 * rateTendency + 3 * female - 0.6 * dAge + 6 * structural + 2 * risk));

  const qrsAxis = rng.truncNormal(55 - 4 * dAge - 8 * structural, 22, -28, 95);
  const morph: MorphologyParams = {
    qrsAxisDeg: qrsAxis,
    qrsTiltDeg: rng.normal(18, 10),
    qrsAmp: rng.logNormal(1.75, 0.2) * (male ? 1 : 0.84) * Math.max(0.6, 1 - 0.035 * dAge) * (1 - 0.04 * risk),
    qrsDurMs: rng.truncNormal(male ? 94 : 88, 7, 76, 108) + 6 * structural,
    septalAmp: rng.uniform(0.2, 0.4),
    terminalAmp: rng.uniform(0.35, 0.7),
    tAxisOffsetDeg: rng.normal(0, 14),
    tTiltDeg: rng.normal(-22, 10),
    tAmp: rng.logNormal(0.5, 0.25) * (male ? 1 : 0.85) * Math.max(0.6, 1 - 0.04 * dAge) * (1 - 0.3 * structural) * (1 - 0.05 * risk),
    tPeakToEndShare: rng.uniform(0.26, 0.34),
    pAxisDeg: rng.normal(55, 12),
    pAmp: rng.logNormal(0.13, 0.2),
    pDurMs: rng.truncNormal(96, 9, 78, 114),
    prMs: Math.min(192, Math.max(118, rng.normal(148 + 4 * dAge, 15))),
    qtcMs: rng.truncNormal(402 + 12 * female + 3 * dAge, 14, 365, 450) + 15 * structural + 5 * risk,
    st: male && age < 45 ? [0, 0, -rng.uniform(0, 0.12)] : [0, 0, 0]
  };
  morph.qrsAmp *= 1 + 0.3 * structural * (rng.bernoulli(0.5) ? 1 : -0.6); // dilated vs hypertrophied ventricles

  const bbb = has("RBBB") ? "R" : has("LBBB") ? "L" : null;
  const flags: ConditionFlags = {
    rbbb: bbb === "R",
    lbbb: bbb === "L",
    irbbb: has("IRBBB"),
    lafb: has("LAFB"),
    ivcd: has("IVCD"),
    wpw: has("WPW"),
    avb1: has("1dAVb"),
    mi: has("MI") ? rng.pick(MI_TERRITORIES, MI_TERRITORIES.map((t) => TERRITORY_WEIGHTS[t])) : null,
    sttc: has("STTC"),
    lvh: has("LVH"),
    rvh: has("RVH"),
    lae: has("LAE"),
    rae: has("RAE"),
    lowVoltage: has("lowVoltage")
  };
  if (flags.lvh && flags.rvh) flags.rvh = false;
  const details = drawConditionDetails(rng, flags);
  // Latent structural disease: the atria stretch a little (broader P) long before LAE is called.
  morph.pDurMs += 8 * structural;

  const afStatus: AfStatus = has("AF") ? (rng.bernoulli(PERSISTENT_AF_SHARE) ? "persistent" : "paroxysmal") : "none";

  // Ectopic foci: outflow-tract PVCs (inferior axis, LBBB-like) are the most common, then LV foci (RBBB-like).
  const rvot = rng.bernoulli(0.6);
  const pvcAxis = rvot ? rng.uniform(70, 110) : rng.uniform(-120, 60);
  const d1 = directionForFrontalAxis(pvcAxis, rvot ? rng.uniform(10, 40) : rng.uniform(-60, -20));
  const ectopic: EctopicFocus = {
    dir1: d1,
    dir2: unit([d1[0] + rng.normal(0, 0.35), d1[1] + rng.normal(0, 0.35), d1[2] + rng.normal(0, 0.35)]),
    amp: rng.uniform(1.4, 2.6),
    qrsMs: rng.uniform(135, 185),
    pacAxisDeg: rng.bernoulli(0.5) ? rng.normal(55, 20) : rng.normal(-60, 20)
  };

  const e2 = edition2Of(config);
  const patientOut = {risk, hrSetPoint};
  if (e2) applyEdition2(e2, new Rng(deriveSeed(patientSeed(config, index), "edition-2")), {male, age, morph, details, flags, afStatus, out: patientOut});

  return {
    index,
    id: `P${String(index).padStart(7, "0")}`,
    sex: male ? "M" : "F",
    age,
    hrSetPoint: patientOut.hrSetPoint,
    rateTendency,
    hrv: Math.exp(rng.normal(0, 0.3) - 0.15 * dAge),
    morph,
    flags,
    details,
    afStatus,
    structural,
    risk: patientOut.risk,
    ectopic
  };
}

/**
 * Edition 2's changes to a patient drawn by edition 1 (edition.ts gives the knobs and sources). Its own stream:
 * nothing here shifts an edition-1 draw. Order: distributions, sex, borderline conduction, then risk (its
 * boost reads the conditions; its visible signs are added last).
 */
function applyEdition2(
  k: Readonly<Edition2Knobs>,
  rng: Rng,
  p: {male: boolean; age: number; morph: MorphologyParams; details: ConditionDetails; flags: ConditionFlags; afStatus: AfStatus; out: {risk: number; hrSetPoint: number}}
): void {
  const {morph, details, out} = p;
  // Distributions nearer the real records.
  morph.qrsDurMs += k.distribution.qrsDurShiftMs;
  morph.qrsAmp *= k.distribution.qrsAmpScale;
  let hr = out.hrSetPoint + k.distribution.hrShiftBpm;
  // Sex.
  const s = k.sex;
  morph.qrsAmp *= p.male ? s.maleQrsAmp : s.femaleQrsAmp;
  morph.qrsDurMs += p.male ? s.maleQrsMs : s.femaleQrsMs;
  if (!p.male) morph.qtcMs += s.femaleQtcMs;
  if (p.male) {
    morph.tAmp *= s.maleTAmp;
    const [lo, hi] = p.age < 50 ? s.maleStYoungMv : s.maleStOlderMv;
    morph.st = [morph.st[0], morph.st[1], morph.st[2] - rng.uniform(lo, hi)];
  } else hr += s.femaleHrBpm;
  // Borderline conduction and PR.
  const b = k.borderline;
  morph.prMs = Math.min(b.normalPrCapMs, morph.prMs + (morph.prMs > 175 ? rng.uniform(0, 8) : 0));
  if (details.rbbb && rng.bernoulli(b.bbbShare)) details.rbbb.qrsMs = rng.uniform(...b.rbbbQrsMs);
  if (details.lbbb && rng.bernoulli(b.bbbShare)) details.lbbb.qrsMs = rng.uniform(...b.lbbbQrsMs);
  if (details.avb1 && rng.bernoulli(b.avb1Share)) details.avb1.prMs = rng.uniform(...b.avb1PrMs);
  if (details.irbbb && rng.bernoulli(b.irbbbNearShare)) {
    details.irbbb.qrsMs = rng.uniform(...b.irbbbQrsMs);
    details.irbbb.rPrimeAmp = rng.uniform(...b.irbbbRPrime);
  }
  // Risk: visible conditions raise it, and its visible signs grow.
  const r = k.risk;
  const risk =
    out.risk +
    (p.afStatus !== "none" ? r.afBoost : 0) +
    (details.lbbb ? r.lbbbBoost : 0) +
    (details.mi ? r.miBoost : 0) +
    (details.lvh ? r.lvhBoost : 0) +
    (details.lowVoltage ? r.lowVoltageBoost : 0);
  hr += r.hrPerUnit * risk;
  morph.qtcMs += r.qtcPerUnit * risk;
  morph.qrsDurMs += r.qrsPerUnitAbove0 * Math.max(0, risk);
  morph.qrsAmp *= Math.max(0.5, 1 - r.qrsAmpPerUnit * risk);
  out.risk = risk;
  out.hrSetPoint = Math.min(k.distribution.hrSetPointMax, Math.max(48, hr));
}

/** Slope of the risk label on the latent risk: weak on purpose (AUROC of the latent itself ~0.8). */
const RISK_SLOPE = 1.6;
/** Spread of the latent risk over the default population (age, structural and unobserved parts). */
const RISK_SD = 1.12;
const riskIntercepts = new Map<string, number>();

/** Probability that a record carries the acute-care risk label; the intercept gives the configured rate. */
export function riskLabelProbability(config: SynthConfig, p: Patient): number {
  const target = config.prevalence.risk;
  const e2 = edition2Of(config);
  const slope = e2 ? e2.risk.slope : RISK_SLOPE;
  const sd = e2 ? e2.risk.sd : RISK_SD;
  const key = `${target}:${slope}:${sd}`;
  let b = riskIntercepts.get(key);
  if (b === undefined) {
    // Solve E[sigmoid(b + slope * r)] = target for r ~ N(0, RISK_SD) on a 64-point quantile grid.
    const zs = Array.from({length: 64}, (_, i) => Math.log((i + 0.5) / (64 - i - 0.5)) / 1.702);
    let lo = -30;
    let hi = 30;
    for (let it = 0; it < 80; it++) {
      const m = (lo + hi) / 2;
      const mean = zs.reduce((acc, z) => acc + sigmoid(m + slope * sd * z), 0) / zs.length;
      if (mean < target) lo = m;
      else hi = m;
    }
    b = (lo + hi) / 2;
    riskIntercepts.set(key, b);
  }
  return sigmoid(b + slope * p.risk);
}
