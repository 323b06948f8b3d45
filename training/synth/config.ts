/**
 * What a synthetic corpus is made of: prevalences of the conditions and the population.
 *
 * Prevalences are marginal rates per record. Chronic conditions (bundle branch blocks, AV block, infarct,
 * hypertrophy, latent structural disease) belong to the patient and rise with age; the logistic intercept
 * of each is solved so that the marginal over the age distribution equals the configured rate
 * (see population.ts). Rhythm and rate conditions are drawn per record with patient-level propensities.
 */

import {EDITION_2, type Edition, type Edition2Knobs} from "./edition.js";

/** CODE's six ID labels (Ribeiro et al. 2020), in the order the study reports them. */
export const CODE_LABELS = ["1dAVb", "RBBB", "LBBB", "SB", "AF", "ST"] as const;
export type CodeLabel = (typeof CODE_LABELS)[number];

export interface SynthPrevalence {
  /** CODE labels. Defaults are "a realistic few percent" (CODE-15%: roughly 1.5-3% each). */
  "1dAVb": number;
  RBBB: number;
  LBBB: number;
  SB: number;
  AF: number;
  ST: number;
  /** Old or acute myocardial infarction, any territory. */
  MI: number;
  /** Non-specific ST-T abnormality. */
  STTC: number;
  /** Other conduction disturbances. */
  LAFB: number;
  IRBBB: number;
  IVCD: number;
  WPW: number;
  /** Hypertrophy / atrial enlargement. */
  LVH: number;
  RVH: number;
  LAE: number;
  RAE: number;
  /** Further rhythms (per record). */
  AFLT: number;
  SVT: number;
  SARRH: number;
  /** Records that contain at least one ectopic beat. */
  PAC: number;
  PVC: number;
  /** Latent structural heart disease (EchoNext-like: reduced function, only subtle ECG signs). */
  structural: number;
  /** Positive rate of the acute-care risk label (mortality / ICU-like). */
  risk: number;
  /** Low QRS voltage from body habitus or effusion. */
  lowVoltage: number;
}

export const DEFAULT_PREVALENCE: Readonly<SynthPrevalence> = {
  "1dAVb": 0.025,
  RBBB: 0.03,
  LBBB: 0.02,
  SB: 0.03,
  AF: 0.025,
  ST: 0.03,
  MI: 0.08,
  STTC: 0.08,
  LAFB: 0.04,
  IRBBB: 0.03,
  IVCD: 0.015,
  WPW: 0.003,
  LVH: 0.06,
  RVH: 0.01,
  LAE: 0.03,
  RAE: 0.01,
  AFLT: 0.008,
  SVT: 0.004,
  SARRH: 0.04,
  PAC: 0.05,
  PVC: 0.06,
  structural: 0.15,
  risk: 0.1,
  lowVoltage: 0.03
};

export interface SynthPopulation {
  /** Age distribution: normal truncated to [ageMin, ageMax] (CODE: mean ~ 53, sd ~ 17). */
  ageMean: number;
  ageSd: number;
  ageMin: number;
  ageMax: number;
  /** Share of male patients (CODE: ~ 40%). */
  maleFraction: number;
}

export const DEFAULT_POPULATION: Readonly<SynthPopulation> = {
  ageMean: 55,
  ageSd: 17,
  ageMin: 18,
  ageMax: 95,
  maleFraction: 0.42
};

export interface SynthConfig {
  seed: number;
  durationS: number;
  prevalence: SynthPrevalence;
  population: SynthPopulation;
  /** Multiplies every record's noise levels (0 gives clean signals, for inspection and tests). */
  noiseScale: number;
  /**
   * Generator edition (edition.ts). Absent means edition 1, the original generator; the field is only ever
   * set to 2, so edition-1 configs (and the corpus hashes and run keys made from them) are unchanged.
   */
  edition?: 2;
  /**
   * Edition 2 only: its knobs (edition.ts EDITION_2, copied in), so that they are part of the hashed config and
   * a change to any of them names a new corpus.
   */
  realism?: Edition2Knobs;
}

export function defaultSynthConfig(overrides: Partial<Omit<SynthConfig, "prevalence" | "population" | "edition">> & {
  edition?: Edition;
  prevalence?: Partial<SynthPrevalence>;
  population?: Partial<SynthPopulation>;
} = {}): SynthConfig {
  const edition2 = overrides.edition === 2;
  return {
    seed: overrides.seed ?? 1,
    durationS: overrides.durationS ?? 10,
    noiseScale: overrides.noiseScale ?? 1,
    prevalence: {...DEFAULT_PREVALENCE, ...(edition2 ? EDITION_2.prevalence : {}), ...overrides.prevalence},
    population: {...DEFAULT_POPULATION, ...overrides.population},
    ...(edition2 ? {edition: 2 as const, realism: structuredClone(EDITION_2) as Edition2Knobs} : {})
  };
}
