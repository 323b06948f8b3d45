/**
 * What the generator knows about a record: labels for every task and the beat-level ground truth that
 * detectors and measurements are checked against. Tests of the conditions themselves measure the signals
 * (measure.ts); this is for checking detectors and for building the downstream datasets.
 */
import type {Sex} from "../io/record.js";
import type {CodeLabel} from "./config.js";
import type {MiTerritory} from "./conditions.js";
import type {NoiseLevels} from "./noise.js";
import type {BeatKind, RhythmKind} from "./rhythm.js";

/** PTB-XL-style rhythm statement of the record. */
export type RhythmClass = "SR" | "SBRAD" | "STACH" | "SARRH" | "AFIB" | "AFLT" | "SVTAC";

/** Conduction disturbances beyond the CODE labels (PTB-XL CD superclass members). */
export type CdCode = "1AVB" | "RBBB" | "LBBB" | "IRBBB" | "LAFB" | "IVCD" | "WPW";
export type HypCode = "LVH" | "RVH" | "LAE" | "RAE";

export interface SynthRecordTruth {
  patientIndex: number;
  recordIndex: number;
  seed: number;
  /** Sampling rate of the returned signals and their length. */
  fs: number;
  nSamples: number;
  /** Beats whose R fiducial lies inside the record, in time order. */
  beats: {
    /** R fiducial (centre of the dominant QRS front), samples at `fs` (fractional). */
    rPeak: Float64Array;
    /** QRS onset and offset, samples at `fs` (fractional). */
    qrsOnset: Float64Array;
    qrsOffset: Float64Array;
    kind: BeatKind[];
  };
  /** R fiducials rounded to samples (where the 8-lead QRS power peaks; the HeartLang word centre). */
  rPeaks: Int32Array;
  /**
   * True beat times: the middle of each QRS, rounded to samples. What detectors are scored against: in a wide
   * complex with two humps (bundle branch block, PVC) either hump is a correct detection, and both lie within
   * half a QRS of its middle.
   */
  beatTimes: Int32Array;
  rhythm: RhythmKind;
  rhythmClass: RhythmClass;
  /** CODE labels (the truth). */
  code: Record<CodeLabel, boolean>;
  /**
   * Edition 2 only: the CODE labels as recorded, with CODE-like label noise (missed positives, spurious
   * positives; synth/edition.ts). The code-like task's labels are these when present.
   */
  codeRecorded?: Record<CodeLabel, boolean>;
  /** Nominal intervals of the record's dominant beat (ms) and the mean rate over the record (bpm). */
  intervals: {prMs: number | null; qrsMs: number; qtMs: number; qtcMs: number; hrBpm: number};
  factors: {
    sex: Sex;
    age: number;
    mi: MiTerritory | null;
    miStage: "acute" | "old" | null;
    sttc: boolean;
    /** The kind of the ST-T change when there is one (flat T, inverted T, ST depression, both). */
    sttcKind: "flat" | "inverted" | "depression" | "depression+inverted" | null;
    cd: CdCode[];
    hyp: HypCode[];
    /** PTB-XL-style form statements present. */
    form: string[];
    pac: boolean;
    pvc: boolean;
    /** Latent structural disease: label and severity in [0, 1]. */
    structural: boolean;
    structuralSeverity: number;
    /** Acute-care risk: label and the latent score it was drawn from. */
    risk: boolean;
    riskScore: number;
    /** PTB-XL diagnostic superclasses (NORM, MI, STTC, CD, HYP). */
    superclass: ("NORM" | "MI" | "STTC" | "CD" | "HYP")[];
  };
  noise: NoiseLevels;
  device: string;
}
