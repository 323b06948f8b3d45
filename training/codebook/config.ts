/**
 * The codebook's config: its own synthetic corpus (a seed derived from "codebook", disjoint from every
 * pre-training and OOD corpus, and a population of its own: a broad adult hospital mix with more
 * abnormalities than CODE, so that codes exist for every beat shape the study's corpora contain; HeartLang's
 * codebook was likewise fitted on another corpus, MIMIC-IV-ECG), how many words are fitted and held out, K,
 * and the k-means settings. Its hash with CODEBOOK_VERSION names the cache file.
 *
 * K = 256 by default, not HeartLang's 8192: the Transformer-SSL objective is a K-way classification of each
 * masked beat by models from d_model = 24 up; the pre-training data hold at most ~2.3M words (16,000 records
 * x ~144 words) of synthetic beats whose shapes vary far less than real ones, so thousands of codes would be
 * near duplicates or dead; and k-means costs grow linearly in K (one Lloyd pass over 48,000 words x 256 codes
 * x 96 samples is ~1.2 G multiply-adds, about a second in plain JS). 48,000 fitted words give ~190 per code.
 * Lloyd iterations stop once one lowers the distortion by less than 0.1% (about 12 iterations here; 30 more
 * would lower it by another ~1%).
 */
import {runKey} from "../store/run-key.js";
import {defaultSynthConfig, type SynthConfig} from "../synth/config.js";
import {deriveSeed} from "../util/prng.js";
import {DEFAULT_PREPROCESS_OPTIONS, type PreprocessOptions} from "../preprocess/index.js";
import {STORAGE_SCALE_MV} from "../corpus/config.js";
import {WORD_DIM, WORD_STD_FLOOR_MV} from "./words.js";

export const CODEBOOK_VERSION = "codebook-1";
export const DEFAULT_CODEBOOK_K = 256;

export interface CodebookConfig {
  baseSeed: number;
  synth: SynthConfig;
  /** Patients (one record each) whose words are fitted, and others whose words measure the fit. */
  patients: {fit: number; heldOut: number};
  /** Words drawn (seeded, without replacement) from each part. */
  words: {fit: number; heldOut: number; dim: number; stdFloorMv: number};
  k: number;
  maxIterations: number;
  /** Lloyd iterations stop when the distortion falls by less than this share in one iteration. */
  tolerance: number;
  preprocess: PreprocessOptions;
  storageScaleMv: number;
  rPeaks: "lead-I";
}

export interface CodebookOptions {
  k?: number;
  seed?: number;
  /** Multiplies the patients and words (tests use small values). */
  scale?: number;
  maxIterations?: number;
}

export function codebookConfig(options: CodebookOptions = {}): CodebookConfig {
  const baseSeed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  const k = options.k ?? DEFAULT_CODEBOOK_K;
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  return {
    baseSeed,
    synth: defaultSynthConfig({
      seed: deriveSeed(baseSeed, "codebook"),
      population: {ageMean: 58, ageSd: 19, maleFraction: 0.5},
      prevalence: {AF: 0.06, AFLT: 0.015, SVT: 0.01, SB: 0.05, ST: 0.05, "1dAVb": 0.04, RBBB: 0.05, LBBB: 0.03, IVCD: 0.02, WPW: 0.005, MI: 0.12, STTC: 0.12, LVH: 0.08, PVC: 0.1, PAC: 0.08}
    }),
    patients: {fit: n(1200), heldOut: n(200)},
    words: {fit: Math.max(k, n(48000)), heldOut: n(16000), dim: WORD_DIM, stdFloorMv: WORD_STD_FLOOR_MV},
    k,
    maxIterations: options.maxIterations ?? 30,
    tolerance: 1e-3,
    preprocess: {...DEFAULT_PREPROCESS_OPTIONS},
    storageScaleMv: STORAGE_SCALE_MV,
    rPeaks: "lead-I"
  };
}

export function codebookHash(config: CodebookConfig): string {
  return runKey(config, CODEBOOK_VERSION);
}
