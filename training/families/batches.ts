/**
 * Turns records of a corpus split into model inputs. Corpus signals are stored
 * lead-major (record, lead, sample) as int16 x scale; models take [batch, length, leads].
 * Plain typed arrays here; the trainer wraps them in tensors inside tf.tidy.
 */
import {HEARTLANG, tokenizeWithPeaks} from "../tokenize/heartlang.js";

/** The part of a corpus split that batching reads (training/corpus's CorpusSplit). */
export interface SplitView {
  count: number;
  signals: Int16Array;
  scale: number;
  labels: Uint8Array;
  patientIds: Int32Array;
  rPeakOffsets: Int32Array;
  rPeaks: Int16Array;
}

export const LEADS = 12;
export const SAMPLES = 1000;

/** [batch, length, 12] float32 for samples [from, from + length) of each record. */
export function signalBatch(split: SplitView, indices: ArrayLike<number>, from = 0, length = SAMPLES): Float32Array {
  const out = new Float32Array(indices.length * length * LEADS);
  for (let b = 0; b < indices.length; b++) {
    const base = indices[b] * LEADS * SAMPLES;
    for (let l = 0; l < LEADS; l++) {
      const src = base + l * SAMPLES + from;
      for (let t = 0; t < length; t++) out[(b * length + t) * LEADS + l] = split.signals[src + t] * split.scale;
    }
  }
  return out;
}

/** Multi-label targets [batch, classes] as float32 0/1. */
export function labelBatch(split: SplitView, indices: ArrayLike<number>, classes: number): Float32Array {
  const out = new Float32Array(indices.length * classes);
  for (let b = 0; b < indices.length; b++) for (let c = 0; c < classes; c++) out[b * classes + c] = split.labels[indices[b] * classes + c];
  return out;
}

/**
 * CMSC views: each record's two adjacent, non-overlapping 5-s halves. Rows 0..B-1 are
 * first halves, rows B..2B-1 second halves; `patients` names every row's patient.
 */
export function cmscBatch(split: SplitView, indices: ArrayLike<number>): {x: Float32Array; rows: number; patients: Int32Array} {
  const half = SAMPLES / 2;
  const first = signalBatch(split, indices, 0, half);
  const second = signalBatch(split, indices, half, half);
  const x = new Float32Array(first.length * 2);
  x.set(first, 0);
  x.set(second, first.length);
  const patients = new Int32Array(indices.length * 2);
  for (let b = 0; b < indices.length; b++) patients[b] = patients[b + indices.length] = split.patientIds[indices[b]];
  return {x, rows: indices.length * 2, patients};
}

export interface TokenBatch {
  /** [batch, 256, 96] beat words. */
  words: Float32Array;
  /** [batch, 256] lead index 1..12, 0 for padding. */
  leads: Int32Array;
  /** [batch, 256] time index 1..10, 0 for padding. */
  times: Int32Array;
}

/** HeartLang sentences from the corpus's stored lead-I R peaks. */
export function tokenBatch(split: SplitView, indices: ArrayLike<number>): TokenBatch {
  const {maxTokens: T, tokenLength: L} = HEARTLANG;
  const words = new Float32Array(indices.length * T * L);
  const leads = new Int32Array(indices.length * T);
  const times = new Int32Array(indices.length * T);
  const signals = Array.from({length: LEADS}, () => new Float32Array(SAMPLES));
  for (let b = 0; b < indices.length; b++) {
    const r = indices[b];
    for (let l = 0; l < LEADS; l++) {
      const base = (r * LEADS + l) * SAMPLES;
      for (let t = 0; t < SAMPLES; t++) signals[l][t] = split.signals[base + t] * split.scale;
    }
    const peaks = split.rPeaks.subarray(split.rPeakOffsets[r], split.rPeakOffsets[r + 1]);
    const sentence = tokenizeWithPeaks(signals, peaks);
    words.set(sentence.tokens, b * T * L);
    for (let i = 0; i < T; i++) {
      leads[b * T + i] = sentence.leadIndex[i];
      times[b * T + i] = sentence.timeIndex[i];
    }
  }
  return {words, leads, times};
}
