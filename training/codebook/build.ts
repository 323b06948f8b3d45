/**
 * Fits the codebook: renders the codebook corpus exactly as the study's corpora are rendered (synthesiser,
 * preprocessing, int16 storage at 1 uV, tokenizer R peaks on lead I; the fast 100 Hz path like the ID
 * corpus), cuts every record into HeartLang words, draws the fitted and held-out words (seeded, without
 * replacement, from different patients), normalises them (words.ts), runs k-means (kmeans.ts) and measures
 * usage and reconstruction on both parts (stats.ts).
 */
import {preprocess} from "../preprocess/index.js";
import {detectQrs} from "../qrs/detect.js";
import {generateRecord} from "../synth/generate.js";
import {makePatient} from "../synth/patient.js";
import {deriveSeed, Rng} from "../util/prng.js";
import type {CodebookConfig} from "./config.js";
import {kmeans, nearest} from "./kmeans.js";
import {codebookStats, type CodebookStats} from "./stats.js";
import {normaliseWords, recordWords, WORD_DIM} from "./words.js";

export interface FittedCodebook {
  centroids: Float32Array;
  k: number;
  iterations: number;
  converged: boolean;
  fit: CodebookStats;
  heldOut: CodebookStats;
}

/** All words of patients [from, to) of the codebook corpus (raw mV; rows of WORD_DIM). */
function corpusWords(config: CodebookConfig, from: number, to: number, onRecord?: () => void): {words: Float32Array; count: number} {
  const parts: Float32Array[] = [];
  let count = 0;
  const leads = Array.from({length: 12}, () => new Float32Array(1000));
  const inv = 1 / config.storageScaleMv;
  for (let p = from; p < to; p++) {
    const {record} = generateRecord(config.synth, p, 0, {patient: makePatient(config.synth, p)});
    const pre = preprocess(record, config.preprocess);
    // The corpora store int16 at 1 uV: round the same way so words match what the trainer sees.
    pre.signals.forEach((s, l) => {
      for (let t = 0; t < 1000; t++) leads[l]![t] = Math.max(-32767, Math.min(32767, Math.round(s[t]! * inv))) * config.storageScaleMv;
    });
    const w = recordWords(leads, detectQrs(leads[0]!, 100));
    parts.push(w.words.slice());
    count += w.count;
    onRecord?.();
  }
  const words = new Float32Array(count * WORD_DIM);
  let at = 0;
  for (const part of parts) {
    words.set(part, at);
    at += part.length;
  }
  return {words, count};
}

/** `want` rows drawn without replacement (seeded partial Fisher-Yates), in drawn order. */
function sampleRows(words: Float32Array, count: number, want: number, rng: Rng): {data: Float32Array; n: number} {
  const n = Math.min(want, count);
  const order = Int32Array.from({length: count}, (_, i) => i);
  const data = new Float32Array(n * WORD_DIM);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng.next() * (count - i));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
    data.set(words.subarray(order[i]! * WORD_DIM, (order[i]! + 1) * WORD_DIM), i * WORD_DIM);
  }
  return {data, n};
}

export function fitCodebook(config: CodebookConfig, onProgress?: (done: number, total: number, phase: string) => void): FittedCodebook {
  const {fit: nFit, heldOut: nHeld} = config.patients;
  const total = nFit + nHeld;
  let done = 0;
  const tick = () => {
    done++;
    if (done % 100 === 0) onProgress?.(done, total, "rendering codebook corpus");
  };
  const fitWords = corpusWords(config, 0, nFit, tick);
  const heldWords = corpusWords(config, nFit, nFit + nHeld, tick);
  const rng = new Rng(deriveSeed(config.synth.seed, "words"));
  const fitRaw = sampleRows(fitWords.words, fitWords.count, config.words.fit, rng);
  const heldRaw = sampleRows(heldWords.words, heldWords.count, config.words.heldOut, rng);
  const fit = normaliseWords(fitRaw.data, fitRaw.n, config.words.stdFloorMv);
  const held = normaliseWords(heldRaw.data, heldRaw.n, config.words.stdFloorMv);
  if (fitRaw.n < config.k) throw new Error(`codebook: ${fitRaw.n} words cannot fit ${config.k} codes`);
  const result = kmeans(fit, fitRaw.n, WORD_DIM, {
    k: config.k,
    maxIterations: config.maxIterations,
    tolerance: config.tolerance,
    seed: deriveSeed(config.synth.seed, "kmeans"),
    onIteration: (it, inertia, moved) => onProgress?.(it, config.maxIterations, `k-means iterations (inertia ${inertia.toFixed(4)}, ${moved} moved)`)
  });
  const fitAssign = nearest(fit, fitRaw.n, WORD_DIM, result.centroids, config.k).index;
  const heldAssign = nearest(held, heldRaw.n, WORD_DIM, result.centroids, config.k).index;
  return {
    centroids: result.centroids,
    k: config.k,
    iterations: result.iterations,
    converged: result.converged,
    fit: codebookStats(fit, fitRaw.n, WORD_DIM, fitAssign, result.centroids, config.k),
    heldOut: codebookStats(held, heldRaw.n, WORD_DIM, heldAssign, result.centroids, config.k)
  };
}
