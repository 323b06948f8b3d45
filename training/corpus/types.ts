/**
 * The shapes a corpus is handed to the trainer in: flat typed arrays per split, so that a split of 16,000
 * records is a handful of allocations and batching is index arithmetic (training/families/batches.ts).
 */

export type TaskKind = "multilabel" | "multiclass";

/** The ID pre-training corpus, the OOD probing datasets and the label-scaling study's corpus (specs.ts). */
export type CorpusName =
  | "code-like"
  | "ptbxl-super"
  | "ptbxl-sub"
  | "ptbxl-rhythm"
  | "ptbxl-form"
  | "cpsc"
  | "csn-rhythm"
  | "structural"
  | "risk"
  | "sex"
  | "mimic-mortality"
  | "mimic-icu"
  | "mimic-age"
  | "mimic-icd";

export interface CorpusSplit {
  count: number;
  /** count x 12 x 1000, lead-major per record (record r, lead l, sample t at ((r*12)+l)*1000+t), preprocessed 100 Hz, in mV as int16 * scale */
  signals: Int16Array;
  scale: number;
  /** multilabel: count x classes 0/1; multiclass: count class ids */
  labels: Uint8Array;
  patientIds: Int32Array;
  /** Index of the record within its patient (0-based): (patientId, recordIndex) regenerates the record. */
  recordIndices: Int32Array;
  /** R peaks (sample indices at 100 Hz) detected on lead I, for the HeartLang tokenizer: offsets into rPeaks per record (count+1 entries) */
  rPeakOffsets: Int32Array;
  rPeaks: Int16Array;
  ages: Float32Array;
  /** 1 = male */
  sexes: Uint8Array;
}

export type SplitName = "train" | "val" | "test";
export const SPLIT_NAMES: readonly SplitName[] = ["train", "val", "test"];

export interface CorpusTask {
  kind: TaskKind;
  classes: string[];
}

export interface Corpus {
  name: CorpusName;
  /** Hash of the full config and the corpus-code version: the cache key, and what a run records. */
  hash: string;
  /** The full resolved config (JSON): spec, sizes, synthetic population, device, preprocessing. */
  config: unknown;
  task: CorpusTask;
  splits: Record<SplitName, CorpusSplit>;
}

export const LEADS = 12;
export const SAMPLES = 1000;
export const FS = 100;
