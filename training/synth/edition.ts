/**
 * Generator editions. Edition 1 (the default) is the generator every committed run was trained on; it is left
 * exactly as it was: no edition field in its config (so corpus hashes and run keys do not change), no extra
 * random draws. Edition 2 ("realism") changes what an audit of edition 1 found too clean or too weak; each of its
 * knobs is declared once, here. Its extra random numbers come from streams derived apart from edition 1's
 * (deriveSeed(patient or record seed, "edition-2" | "label-noise")), so switching it on never shifts an
 * edition-1 draw.
 *
 * What edition 2 changes, and why:
 *  - Label noise on the recorded CODE labels (not on the truth): CODE's labels come from automatic reports
 *    (Glasgow / Minnesota) checked by cardiologists, and disagree with a cardiologist panel on a few percent
 *    of records (Ribeiro et al. 2020, Nat Commun 11:1760). A share of true positives goes unlabelled and a
 *    small share of negatives is labelled positive, independently per label.
 *  - Borderline cases near each label's threshold: bundle branch blocks with QRS 120-135 ms (the 120 ms
 *    criterion, Surawicz et al. 2009 AHA/ACCF/HRS part III), 1dAVb with PR 205-230 ms, sinus rates just
 *    below 60 / above 100 bpm, normal PR up to ~198 ms and normal rates 61-99 bpm, more incomplete RBBB,
 *    half of it with QRS 110-119 ms and a larger R' (a near miss for RBBB), fine AF (low f-wave amplitude),
 *    rate-controlled AF (60-90 bpm, less irregular), frequent PACs in sinus records (irregularity that is not
 *    AF). Paroxysmal AF was already in edition 1 (population.ts: 40% of AF patients, AF in 40% of their records).
 *  - Sex tied to the ECG as published (Macfarlane & McLaughlin normal limits; Rautaharju et al. 2009 AHA
 *    part IV; Surawicz & Parikh 2002 J-point / ST in young men; Attia et al. 2019 Circ Arrhythm Electrophysiol
 *    12:e007284, CNN sex AUROC 0.97): men have higher QRS voltage, QRS ~8-10 ms longer, QTc ~15-20 ms shorter,
 *    J-point / ST elevation in V2-V3 (most in young men), larger T waves; women a resting rate a few bpm faster.
 *  - Risk tied to visible signs (Raghunath et al. 2020 Nat Med 26:886, ECG 1-year mortality AUROC ~0.85;
 *    QTc, rate, QRS width, AF, LBBB, low voltage and ectopy as predictors: e.g. Dekker et al. 1994 Circulation
 *    (QTc and mortality), Desai et al. 2006 (QRS duration), Greenland et al. 1991 (heart rate)), and a steeper
 *    label slope so that the latent's own AUROC is ~0.85-0.9.
 *  - Distributions nearer the real records (PhysioNet Challenge 2020/21 records in ../shared/ecg: median QRS
 *    ~91 ms, lead II QRS amplitude ~0.81 mV, median rate ~80 bpm).
 */
import type {SynthPrevalence} from "./config.js";

export type Edition = 1 | 2;

export interface Edition2Knobs {
  labelNoise: {
    /** P(a true positive of a CODE label is recorded negative). */
    missRate: number;
    /** P(a true negative of a CODE label is recorded positive). */
    spuriousRate: number;
  };
  borderline: {
    /** Share of RBBB / LBBB patients whose QRS is drawn in the borderline range instead of the edition-1 one. */
    bbbShare: number;
    rbbbQrsMs: [number, number];
    lbbbQrsMs: [number, number];
    /**
     * Near misses for RBBB: share of incomplete-RBBB patients with a QRS just under 120 ms and a larger R'
     * (edition 1: QRS 100-114 ms, R' 0.25-0.5), and that range.
     */
    irbbbNearShare: number;
    irbbbQrsMs: [number, number];
    irbbbRPrime: [number, number];
    /** Share of 1dAVb patients with PR just above 200 ms, and that range. */
    avb1Share: number;
    avb1PrMs: [number, number];
    /** PR clamps under rate adaptation (s): 1dAVb floor, normal ceiling (edition 1: 0.214 / 0.194). */
    avb1PrMinS: number;
    normalPrMaxS: number;
    /** Normal patients' PR upper cap (ms; edition 1: 192). */
    normalPrCapMs: number;
    /** Share of SB / ST records with a rate in the borderline band, and the bands (bpm). */
    rateShare: number;
    sbBandBpm: [number, number];
    stBandBpm: [number, number];
    /** Normal sinus rate: truncation range and the clamp of its centre (edition 1: 63-97, 68-92). */
    normalRangeBpm: [number, number];
    normalCentreBpm: [number, number];
    /** AF records: share with fine f-waves and their amplitude scale; share rate-controlled, its rate and RR CV. */
    fineAfShare: number;
    fineAfAmpScale: [number, number];
    rateControlledAfShare: number;
    rateControlledAfBpm: [number, number];
    rateControlledAfCv: [number, number];
    /** Sinus records with PACs: share with frequent PACs and their per-beat rate. */
    frequentPacShare: number;
    frequentPacRate: [number, number];
  };
  /** Prevalence defaults of edition 2 (a corpus spec's own prevalences still win). */
  prevalence: Partial<SynthPrevalence>;
  sex: {
    /** QRS amplitude factors on top of edition 1's (men 1, women 0.84). */
    maleQrsAmp: number;
    femaleQrsAmp: number;
    /** QRS duration shifts (ms) on top of edition 1's 6 ms difference. */
    maleQrsMs: number;
    femaleQrsMs: number;
    /** Extra QTc of women (ms) on top of edition 1's 12 ms. */
    femaleQtcMs: number;
    /** Anterior ST (J-point) elevation of men (mV, along -z), younger than 50 / older. */
    maleStYoungMv: [number, number];
    maleStOlderMv: [number, number];
    /** T amplitude factor of men on top of edition 1's (men 1, women 0.85). */
    maleTAmp: number;
    /** Extra resting rate of women (bpm) on top of edition 1's 3 bpm. */
    femaleHrBpm: number;
  };
  risk: {
    /** Added to the latent risk by visible conditions. */
    afBoost: number;
    lbbbBoost: number;
    miBoost: number;
    lvhBoost: number;
    lowVoltageBoost: number;
    /** Visible signs of the (boosted) latent risk, on top of edition 1's: rate (bpm), QTc (ms), QRS (ms per unit above 0), QRS amplitude (relative). */
    hrPerUnit: number;
    qtcPerUnit: number;
    qrsPerUnitAbove0: number;
    qrsAmpPerUnit: number;
    /** Label slope on the latent and the latent's spread (edition 1: 1.6, 1.12). */
    slope: number;
    sd: number;
  };
  distribution: {
    /** Shifts of the normal QRS duration (ms), QRS amplitude (factor) and resting rate (bpm). */
    qrsDurShiftMs: number;
    qrsAmpScale: number;
    hrShiftBpm: number;
    /** Cap of the resting-rate set point (edition 1: 100). */
    hrSetPointMax: number;
  };
}

export const EDITION_2: Readonly<Edition2Knobs> = {
  labelNoise: {missRate: 0.04, spuriousRate: 0.003},
  borderline: {
    bbbShare: 0.35,
    rbbbQrsMs: [120, 135],
    lbbbQrsMs: [122, 135],
    irbbbNearShare: 0.5,
    irbbbQrsMs: [110, 119],
    irbbbRPrime: [0.4, 0.65],
    avb1Share: 0.45,
    avb1PrMs: [205, 230],
    avb1PrMinS: 0.203,
    normalPrMaxS: 0.197,
    normalPrCapMs: 198,
    rateShare: 0.4,
    sbBandBpm: [55, 59.3],
    stBandBpm: [100.8, 106],
    normalRangeBpm: [61, 99],
    normalCentreBpm: [66, 95],
    fineAfShare: 0.35,
    fineAfAmpScale: [0.2, 0.45],
    rateControlledAfShare: 0.45,
    rateControlledAfBpm: [60, 90],
    rateControlledAfCv: [0.08, 0.15],
    frequentPacShare: 0.35,
    frequentPacRate: [0.2, 0.35]
  },
  prevalence: {IRBBB: 0.06, PAC: 0.09},
  sex: {
    maleQrsAmp: 1.1,
    femaleQrsAmp: 0.92,
    maleQrsMs: 2,
    femaleQrsMs: -2,
    femaleQtcMs: 6,
    maleStYoungMv: [0.04, 0.14],
    maleStOlderMv: [0.01, 0.06],
    maleTAmp: 1.15,
    femaleHrBpm: 2
  },
  risk: {
    afBoost: 0.9,
    lbbbBoost: 0.6,
    miBoost: 0.5,
    lvhBoost: 0.3,
    lowVoltageBoost: 0.4,
    hrPerUnit: 2.5,
    qtcPerUnit: 5,
    qrsPerUnitAbove0: 3,
    qrsAmpPerUnit: 0.04,
    slope: 1.7,
    sd: 1.25
  },
  distribution: {qrsDurShiftMs: -12, qrsAmpScale: 0.76, hrShiftBpm: 7, hrSetPointMax: 108}
};

/** The edition-2 knobs of a config (those it carries, else the defaults above), or null for edition 1. */
export function edition2Of(config: {edition?: Edition; realism?: Edition2Knobs}): Readonly<Edition2Knobs> | null {
  return config.edition === 2 ? (config.realism ?? EDITION_2) : null;
}
