/**
 * The corpora of the study: one in-distribution (ID) pre-training corpus and eight out-of-distribution (OOD)
 * probing datasets, each a synthetic stand-in for a dataset of the paper (Table S.3) with its own seed,
 * population (age, sex, prevalences) and recording device (devices.ts).
 *
 * ID, "code-like" (CODE-15%, Ribeiro et al. 2020): the six CODE labels; CODE's population (mean age ~52,
 * 40% men) and label rates of a few percent (the synthesiser's defaults, close to CODE-15%'s 1.8-2.9%);
 * 1-4 records per patient (40/30/20/10%, mean 2.0), so that CMSC has same-patient positives across records;
 * 9,600 patients (about 19,200 records, about 16,300 of them in training) at scale 1, enough for a D ladder up
 * to 16,000. Split by patient: a fixed 10% of patients for test, 5% for validation (early stopping), the rest
 * for training.
 *
 * OOD datasets (train / validation / test = 1,000 / 250 / 500 records at scale 1, one record per patient:
 * probes run at every evaluation of every run, so their feature-extraction cost is paid many times):
 *  - ptbxl-super, ptbxl-rhythm, ptbxl-form: PTB-XL's tasks (Wagner et al. 2020). Older population (mean ~60,
 *    52% men); superclass rates near PTB-XL's (NORM ~44%, MI ~25%, STTC ~24%, CD ~22%, HYP ~12%); the rhythm
 *    and form datasets raise the rarer rhythms and form findings so that a 500-record test split has
 *    positives for most classes.
 *  - cpsc: CPSC 2018's nine classes (Liu et al. 2018): age ~60, 54% men; rates raised, and only 30% of the
 *    qualifying normal records kept, so that single-label records come out in proportions like CPSC's
 *    (RBBB ~25% the largest class, NORM ~13%, STE and LBBB ~3% the smallest).
 *  - csn-rhythm: Chapman-Shaoxing's four rhythm groups (Zheng et al. 2020): SB ~36%, AFIB ~21%, GSVT ~21%,
 *    SR ~22% of records; age ~59, 56% men.
 *  - structural: EchoNext-like structural heart disease (echo-confirmed; composite positive in ~38%),
 *    patients referred for echocardiography (age ~62, 50% men).
 *  - risk: acute care (MIMIC-IV-ECG mortality / ICU-like): older (age ~66), more AF, ischaemia and structural
 *    disease, an event rate of about 12% (the label's base rate is set to 7.5%; the older, sicker population
 *    raises it), recorded on a noisy 250 Hz monitoring front end.
 *  - sex: a general adult population (age ~52, 50% men) on a quiet 1 kHz recorder.
 *
 * The label-scaling study's pre-training corpus (issue 16; not an OOD task, not in OOD_DATASETS):
 *  - mimic-icd: MIMIC-IV-ECG with its ICD-10 circulatory ("I") codes (the paper's label study): 333 long-tailed
 *    classes (labels.ts, icd.ts). A hospital population: older (age ~65, sd 17, 52% men), with the conditions
 *    the head codes need at hospital rates (AF ~11% of records, infarcts 14%, ST-T changes 15%, LVH 13%, latent
 *    structural disease 28%, bundle branch blocks 3.5-6%); 1-6 records per patient (mean 2.5; MIMIC-IV-ECG has
 *    ~5 per patient), recorded on a US hospital cart (hospital-500-us). Split by patient in the paper's
 *    160K / 40K / 20K proportions (train 8/11, validation 2/11, test 1/11 of patients): 8,000 patients (about
 *    20,000 records) at scale 1.
 * Seeds: every corpus's synthesiser seed is derived from (base seed, "corpus", name), so no two corpora share
 * a patient, and the codebook corpus (training/codebook) derives its own from "codebook".
 */
import type {SynthPopulation, SynthPrevalence} from "../synth/config.js";
import {CORPUS_DEVICES, type CorpusDeviceName} from "./devices.js";
import type {LabelRuleName} from "./labels.js";
import type {CorpusName} from "./types.js";

/** How many records, and how they split. */
export type SizeSpec =
  | {
      kind: "patients";
      /** Patients at scale 1. */
      patients: number;
      /** P(1 record), P(2 records), ... per patient. */
      recordsPerPatient: number[];
      /** Shares of patients for validation and test. */
      valFraction: number;
      testFraction: number;
      /** Validation and test patients at evalScale 1 (used when a corpus is built with an evalScale). */
      evaluation: {valPatients: number; testPatients: number};
    }
  | {
      kind: "records";
      /** Records at scale 1 (used when a corpus is built without an evalScale). */
      train: number;
      val: number;
      test: number;
      /** Records at evalScale 1: every split of an OOD dataset is evaluation data (probe fit, L2 choice, score). */
      evaluation: {train: number; val: number; test: number};
    };

export interface DatasetSpec {
  name: CorpusName;
  role: "id" | "ood";
  /**
   * OOD tasks only: "unseen" when it stands for a clinical domain the paper calls unseen by pre-training
   * (structural heart disease, acute care), "seen" otherwise; the findings on unseen tasks read it.
   */
  domain?: "seen" | "unseen";
  /** What it stands for (for the methods page; not part of the hashed config). */
  mirrors: string;
  labels: LabelRuleName;
  /**
   * Another dataset whose records this one labels differently (PTB-XL's subclass task labels the superclass task's
   * records): the same seed, population, prevalences, device and size, so the same signals. Absent: its own records.
   */
  records?: CorpusName;
  /** null: the synthesiser's fast 100 Hz path. */
  device: CorpusDeviceName | null;
  population: Partial<SynthPopulation>;
  prevalence: Partial<SynthPrevalence>;
  noiseScale: number;
  /**
   * Selective (single-label) tasks only: the share of qualifying records of a class that is kept, the rest
   * passed over at screening. Stands for a dataset's cohort selection (CPSC 2018 came from hospitals and has
   * few normal ECGs: 13%).
   */
  keep?: Record<string, number>;
  size: SizeSpec;
}

// Evaluation sizes: the probe's test split large enough that its loss has a standard error of a few
// percent or less, its validation split large enough to choose the L2 strength.
const OOD_SIZE: SizeSpec = {kind: "records", train: 1000, val: 250, test: 500, evaluation: {train: 1000, val: 500, test: 1500}};

/** The PTB-XL-like diagnostic records (cart, population, conditions), labelled by superclass and by subclass. */
const PTBXL_RECORDS = {
  device: "cart-500-eu",
  population: {ageMean: 60, ageSd: 17, maleFraction: 0.52},
  prevalence: {MI: 0.24, STTC: 0.2, LAFB: 0.07, IRBBB: 0.05, RBBB: 0.045, LBBB: 0.03, "1dAVb": 0.04, IVCD: 0.03, WPW: 0.004, LVH: 0.09, RVH: 0.01, LAE: 0.025, RAE: 0.008, AF: 0.07, structural: 0.2},
  noiseScale: 1,
  size: OOD_SIZE
} satisfies Partial<DatasetSpec>;

/** The MIMIC-IV-like OOD tasks' hospital cohort (population and conditions as mimic-icd's, one record per patient). */
const MIMIC_COHORT = {
  population: {ageMean: 65, ageSd: 17, maleFraction: 0.52},
  prevalence: {AF: 0.11, AFLT: 0.015, SVT: 0.006, MI: 0.14, STTC: 0.15, LVH: 0.13, structural: 0.28, LBBB: 0.035, RBBB: 0.06, "1dAVb": 0.07, PAC: 0.07, PVC: 0.09, ST: 0.09, risk: 0.12},
  noiseScale: 1.1,
  size: OOD_SIZE
} satisfies Partial<DatasetSpec>;

export const DATASET_SPECS: Record<CorpusName, DatasetSpec> = {
  "code-like": {
    name: "code-like",
    role: "id",
    mirrors: "CODE / CODE-15% (Brazil, TNMG): six labels, several records per patient",
    labels: "code",
    device: null,
    population: {ageMean: 52, ageSd: 18, maleFraction: 0.4},
    prevalence: {"1dAVb": 0.025, RBBB: 0.03, LBBB: 0.02, SB: 0.03, AF: 0.025, ST: 0.03},
    noiseScale: 1,
    size: {kind: "patients", patients: 9600, recordsPerPatient: [0.4, 0.3, 0.2, 0.1], valFraction: 0.05, testFraction: 0.1, evaluation: {valPatients: 600, testPatients: 2500}}
  },
  "ptbxl-super": {
    name: "ptbxl-super",
    role: "ood",
    domain: "seen",
    mirrors: "PTB-XL diagnostic superclasses (NORM, MI, STTC, CD, HYP; multi-label)",
    labels: "ptbxl-super",
    ...PTBXL_RECORDS
  },
  "ptbxl-sub": {
    name: "ptbxl-sub",
    role: "ood",
    domain: "seen",
    mirrors: "PTB-XL diagnostic subclasses (23; multi-label), on the records of ptbxl-super as in PTB-XL",
    labels: "ptbxl-sub",
    records: "ptbxl-super",
    ...PTBXL_RECORDS
  },
  "ptbxl-rhythm": {
    name: "ptbxl-rhythm",
    role: "ood",
    domain: "seen",
    mirrors: "PTB-XL rhythm statements (multi-label)",
    labels: "ptbxl-rhythm",
    device: "diagnostic-1000-eu",
    population: {ageMean: 62, ageSd: 17, maleFraction: 0.52},
    prevalence: {AF: 0.08, ST: 0.05, SB: 0.05, SARRH: 0.05, AFLT: 0.02, SVT: 0.015, PAC: 0.07, PVC: 0.07},
    noiseScale: 1,
    size: OOD_SIZE
  },
  "ptbxl-form": {
    name: "ptbxl-form",
    role: "ood",
    domain: "seen",
    mirrors: "PTB-XL form statements (multi-label)",
    labels: "ptbxl-form",
    device: "portable-500-eu",
    population: {ageMean: 63, ageSd: 16, maleFraction: 0.55},
    prevalence: {PVC: 0.09, PAC: 0.07, MI: 0.16, STTC: 0.16, LVH: 0.1, lowVoltage: 0.06, "1dAVb": 0.05, IVCD: 0.03, WPW: 0.01, RVH: 0.015, structural: 0.2},
    noiseScale: 1,
    size: OOD_SIZE
  },
  cpsc: {
    name: "cpsc",
    role: "ood",
    domain: "seen",
    mirrors: "CPSC 2018 nine classes (single-label)",
    labels: "cpsc",
    device: "cart-500-cn",
    population: {ageMean: 60, ageSd: 18, maleFraction: 0.54},
    prevalence: {AF: 0.2, "1dAVb": 0.12, LBBB: 0.08, RBBB: 0.3, PAC: 0.12, PVC: 0.13, STTC: 0.36, MI: 0.3, LVH: 0.05},
    noiseScale: 1,
    keep: {NORM: 0.3},
    size: OOD_SIZE
  },
  "csn-rhythm": {
    name: "csn-rhythm",
    role: "ood",
    domain: "seen",
    mirrors: "Chapman-Shaoxing-Ningbo rhythm groups SB, AFIB, GSVT, SR (single-label)",
    labels: "csn-rhythm",
    device: "muse-500-cn",
    population: {ageMean: 59, ageSd: 18, maleFraction: 0.56},
    prevalence: {SB: 0.34, ST: 0.18, SVT: 0.03, AF: 0.17, AFLT: 0.04, SARRH: 0.04},
    noiseScale: 1,
    size: OOD_SIZE
  },
  structural: {
    name: "structural",
    role: "ood",
    domain: "unseen",
    mirrors: "EchoNext structural heart disease (binary composite)",
    labels: "structural",
    device: "diagnostic-500",
    population: {ageMean: 62, ageSd: 17, maleFraction: 0.5},
    prevalence: {structural: 0.38},
    noiseScale: 1,
    size: OOD_SIZE
  },
  risk: {
    name: "risk",
    role: "ood",
    domain: "unseen",
    mirrors: "MIMIC-IV-ECG acute care: mortality / ICU-like risk (binary)",
    labels: "risk",
    device: "monitor-250",
    population: {ageMean: 66, ageSd: 16, maleFraction: 0.53},
    prevalence: {risk: 0.075, AF: 0.12, STTC: 0.12, MI: 0.12, structural: 0.25, PVC: 0.08, ST: 0.08},
    noiseScale: 1.2,
    size: OOD_SIZE
  },
  sex: {
    name: "sex",
    role: "ood",
    domain: "seen",
    mirrors: "patient characteristics: sex (binary)",
    labels: "sex",
    device: "research-1000-us",
    population: {ageMean: 52, ageSd: 18, maleFraction: 0.5},
    prevalence: {},
    noiseScale: 1,
    size: OOD_SIZE
  },
  "mimic-mortality": {
    name: "mimic-mortality",
    role: "ood",
    domain: "unseen",
    mirrors: "MIMIC-IV-ECG: in-hospital mortality (binary; hospital ECGs, labels from the latent state, labels.ts)",
    labels: "mimic-mortality",
    device: "hospital-500-us",
    ...MIMIC_COHORT
  },
  "mimic-icu": {
    name: "mimic-icu",
    role: "ood",
    domain: "unseen",
    mirrors: "MIMIC-IV-ECG: ICU admission (binary), on the records of mimic-mortality",
    labels: "mimic-icu",
    records: "mimic-mortality",
    device: "hospital-500-us",
    ...MIMIC_COHORT
  },
  "mimic-age": {
    name: "mimic-age",
    role: "ood",
    domain: "seen",
    mirrors: "MIMIC-IV-ECG: age 65 or over (binary, demographic), on the records of mimic-mortality",
    labels: "mimic-age",
    records: "mimic-mortality",
    device: "hospital-500-us",
    ...MIMIC_COHORT
  },
  "mimic-icd": {
    name: "mimic-icd",
    role: "id",
    mirrors: "MIMIC-IV-ECG with ICD-10 circulatory (I) codes: 333 long-tailed classes, the label-scaling study's pre-training corpus",
    labels: "mimic-icd",
    device: "hospital-500-us",
    population: {ageMean: 65, ageSd: 17, maleFraction: 0.52},
    prevalence: {
      AF: 0.11,
      AFLT: 0.015,
      SVT: 0.006,
      MI: 0.14,
      STTC: 0.15,
      LVH: 0.13,
      structural: 0.28,
      LBBB: 0.035,
      RBBB: 0.06,
      "1dAVb": 0.07,
      LAFB: 0.05,
      IRBBB: 0.03,
      IVCD: 0.03,
      WPW: 0.003,
      RVH: 0.02,
      LAE: 0.05,
      RAE: 0.02,
      lowVoltage: 0.05,
      PAC: 0.07,
      PVC: 0.09,
      SB: 0.06,
      ST: 0.09,
      SARRH: 0.03,
      risk: 0.12
    },
    noiseScale: 1,
    size: {kind: "patients", patients: 8000, recordsPerPatient: [0.35, 0.25, 0.15, 0.1, 0.08, 0.07], valFraction: 2 / 11, testFraction: 1 / 11, evaluation: {valPatients: 1455, testPatients: 727}}
  }
};

export const ID_CORPUS: CorpusName = "code-like";
/** The label-scaling study's pre-training corpus (issue 16). */
export const LABEL_STUDY_CORPUS: CorpusName = "mimic-icd";
/**
 * The eight OOD tasks the studies up to `second` probe (their run keys name them; those study files keep this list so
 * their keys stand). Studies from the next on take OOD_DATASETS, which adds the newer tasks.
 */
export const FIRST_OOD_DATASETS: readonly CorpusName[] = ["ptbxl-super", "ptbxl-rhythm", "ptbxl-form", "cpsc", "csn-rhythm", "structural", "risk", "sex"];
/** Every OOD probing task: the first eight, then PTB-XL's 23 subclasses and three MIMIC-IV-like tasks (issue 16, item 3). */
export const OOD_DATASETS: readonly CorpusName[] = [...FIRST_OOD_DATASETS, "ptbxl-sub", "mimic-mortality", "mimic-icu", "mimic-age"];
export const CORPUS_NAMES: readonly CorpusName[] = [ID_CORPUS, ...OOD_DATASETS];
/** OOD tasks standing for clinical domains unseen in pre-training (DatasetSpec.domain). */
export const UNSEEN_TASKS: readonly CorpusName[] = OOD_DATASETS.filter((d) => DATASET_SPECS[d].domain === "unseen");

/** Whether `name` is an OOD probing dataset. */
export const isOodDataset = (name: string): boolean => (OOD_DATASETS as readonly string[]).includes(name);

export function datasetSpec(name: string): DatasetSpec {
  const spec = (DATASET_SPECS as Record<string, DatasetSpec | undefined>)[name];
  if (!spec) throw new Error(`corpus: unknown corpus "${name}" (known: ${CORPUS_NAMES.join(", ")})`);
  return spec;
}

export {CORPUS_DEVICES};
