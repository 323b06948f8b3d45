/**
 * Transformer families (paper 4.1; HeartLang, Jin et al. 2025): beat tokens of 96
 * samples (R peak at 48) from lead-I R peaks, lead-major, 256 tokens with lead and
 * 1-s time indices; linear token embedding + lead, time and learned position
 * embeddings and a [CLS] token; pre-LayerNorm blocks with a GELU MLP. Features = the
 * final-LayerNorm state of [CLS].
 *  - Transformer-SL: a dense head on [CLS] to the six ID labels, BCE, Adam.
 *  - Transformer-SSL: 50% of the real (non-padding) tokens of each record are replaced
 *    by a learned mask token; a linear head predicts each masked token's code in the
 *    frozen beat codebook; cross-entropy on masked positions only; AdamW.
 */
import * as tf from "@tensorflow/tfjs-core";
import type {Corpus, CorpusSplit} from "../corpus/index.js";
import {loadCodebook, type Codebook} from "../codebook/index.js";
import {Initializer} from "../models/init.js";
import {transformer, transformerActivationsPerSample, transformerForwardMacs, transformerParams, type TokenInputs, type TransformerConfig} from "../models/transformer.js";
import {softmaxCrossEntropy} from "../objectives/bce.js";
import {Rng, deriveSeed} from "../util/prng.js";
import {HEARTLANG} from "../tokenize/heartlang.js";
import type {BatchTensors} from "../optim/index.js";
import {tokenBatch, type TokenBatch} from "./batches.js";
import {applyDense, dense, denseMacs} from "./heads.js";
import {mapInChunks} from "./inference.js";
import {HELD_OUT_MASKS, HELD_OUT_SEED, ratioAndSe} from "./held-out.js";
import {get} from "./resnet.js";
import {ConfigError} from "../util/errors.js";
import {slLabels} from "./sl-labels.js";
import type {Architecture, ModelSize} from "./architecture.js";
import type {FamilyModel, FamilyRunInput, FamilySpec} from "./types.js";

/** Transformer scaling (paper A.2): layers, model width, heads, feed-forward width. */
export type TransformerSize = {layers: number; dModel: number; heads: number; dFfn: number};

/** Sizes are LAYERSxDMODELxHEADSxDFFN; the heads must divide the width. */
export const TRANSFORMER: Architecture = {
  name: "transformer",
  displayName: "Transformer",
  dimensions: ["layers", "dModel", "heads", "dFfn"],
  example: {layers: 2, dModel: 64, heads: 4, dFfn: 256},
  checkMore: ({dModel, heads}) => {
    if (dModel! % heads! !== 0) throw new ConfigError(`size.dModel (${dModel}) must be divisible by size.heads (${heads})`);
  }
};
const asTransformer = (size: ModelSize) => size as TransformerSize;

export const MASK_RATIO = 0.5;
const T = HEARTLANG.maxTokens;
const L = HEARTLANG.tokenLength;
const FEATURES = "final-LayerNorm state of [CLS] (frozen encoder, unmasked tokens)";

export function transformerBackboneConfig(size: TransformerSize, seed: number, maskToken: boolean): TransformerConfig {
  return {...size, tokens: T, tokenLength: L, outputs: 0, maskToken, seed};
}

function tokenInputs(batch: TokenBatch, count: number): TokenInputs {
  return {
    words: tf.tensor3d(batch.words, [count, T, L]),
    leads: tf.tensor2d(batch.leads, [count, T], "int32"),
    times: tf.tensor2d(batch.times, [count, T], "int32")
  };
}

function encoderFeatures(encoder: ReturnType<typeof transformer>, split: CorpusSplit): Promise<Float32Array> {
  return mapInChunks(split.count, encoder.config.dModel, (indices) =>
    tf.tidy(() => {
      const inputs = tokenInputs(tokenBatch(split, indices), indices.length);
      return encoder.clsFeatures(inputs);
    })
  );
}

/**
 * [CLS] features of records of a split, differentiable (fine-tuning); unmasked tokens. The encoder has no dropout,
 * so training mode changes nothing. Transformer-SSL's mask token is among the encoder's variables but unused here
 * (it gets no gradient).
 */
function trainableEncoderFeatures(encoder: ReturnType<typeof transformer>, split: CorpusSplit, indices: number[]): tf.Tensor2D {
  return tf.tidy(() => encoder.clsFeatures(tokenInputs(tokenBatch(split, indices), indices.length)));
}

export function transformerSl(config: FamilyRunInput, id: Corpus): FamilyModel {
  const encoder = transformer(transformerBackboneConfig(asTransformer(config.size), config.seed, false));
  const d = encoder.config.dModel;
  const task = slLabels(config, id);
  const classes = task.headClasses.length;
  const head = dense(new Initializer(config.seed + 1, "transformer-sl-head"), "head", d, classes);
  const logits = (inputs: TokenInputs) => applyDense(encoder.clsFeatures(inputs), head);
  const inputsOf = (batch: BatchTensors): TokenInputs => ({words: get(batch, "words") as tf.Tensor3D, leads: get(batch, "leads") as tf.Tensor2D, times: get(batch, "times") as tf.Tensor2D});
  return {
    params: encoder.params,
    macsPerSample: encoder.forwardMacs + denseMacs(head),
    trainable: [...encoder.trainable, head.w, head.b],
    state: [],
    featureDims: d,
    featureDescription: FEATURES,
    optimizer: "adam",
    splittable: true,
    trainBatch: (split, indices) => ({
      ...tokenInputs(tokenBatch(split, indices), indices.length),
      y: tf.tensor2d(task.targets(split, indices), [indices.length, classes])
    }),
    loss: (batch) => tf.tidy(() => task.loss(logits(inputsOf(batch)), get(batch, "y"))),
    evaluate: async (split) => {
      const scores = await mapInChunks(split.count, classes, (indices) => tf.tidy(() => logits(tokenInputs(tokenBatch(split, indices), indices.length))));
      return task.evaluate(scores, split);
    },
    features: (split) => encoderFeatures(encoder, split),
    backboneTrainable: encoder.trainable,
    trainableFeatures: (split, indices) => trainableEncoderFeatures(encoder, split, indices),
    dispose: () => {
      encoder.dispose();
      tf.dispose([head.w, head.b]);
    }
  };
}

/** Real-token count of each record of a split (12 leads x its beats, at most 256). */
function realTokens(split: CorpusSplit, record: number): number {
  return Math.min(T, 12 * (split.rPeakOffsets[record + 1] - split.rPeakOffsets[record]));
}

export function transformerSsl(config: FamilyRunInput, id: Corpus, codebook: Codebook = loadCodebook()): FamilyModel {
  const encoder = transformer(transformerBackboneConfig(asTransformer(config.size), config.seed, true));
  const d = encoder.config.dModel;
  const head = dense(new Initializer(config.seed + 1, "transformer-ssl-head"), "codes", d, codebook.k);
  // Codes of every token, per split and record: the codebook is frozen, so they are computed once.
  const codeCache = new WeakMap<CorpusSplit, Map<number, Int32Array>>();
  const codesOf = (split: CorpusSplit, record: number, words: Float32Array): Int32Array => {
    let bySplit = codeCache.get(split);
    if (!bySplit) codeCache.set(split, (bySplit = new Map()));
    let codes = bySplit.get(record);
    if (!codes) bySplit.set(record, (codes = codebook.assignCodes(words, realTokens(split, record))));
    return codes;
  };

  /** Tokens, a 50% mask over each record's real tokens (seeded by `maskSeed`), and the masked tokens' codes. */
  const maskedBatch = (split: CorpusSplit, indices: number[], maskSeed: (record: number) => number): BatchTensors => {
    const tokens = tokenBatch(split, indices);
    const mask = new Float32Array(indices.length * T);
    const rows: number[] = [];
    const targets: number[] = [];
    indices.forEach((record, b) => {
      const n = realTokens(split, record);
      const codes = codesOf(split, record, tokens.words.subarray(b * T * L, (b * T + n) * L));
      const rng = new Rng(maskSeed(record));
      const order = Int32Array.from({length: n}, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const masked = Array.from(order.subarray(0, Math.round(MASK_RATIO * n))).sort((a, b) => a - b);
      for (const t of masked) {
        mask[b * T + t] = 1;
        rows.push(b * T + t);
        targets.push(codes[t]);
      }
    });
    return {
      ...tokenInputs(tokens, indices.length),
      mask: tf.tensor2d(mask, [indices.length, T]),
      rows: tf.tensor1d(Int32Array.from(rows), "int32"),
      codes: tf.tensor1d(Int32Array.from(targets), "int32")
    };
  };
  const maskedLogits = (batch: BatchTensors) =>
    tf.tidy(() => {
      const inputs = {words: get(batch, "words") as tf.Tensor3D, leads: get(batch, "leads") as tf.Tensor2D, times: get(batch, "times") as tf.Tensor2D};
      const states = encoder.tokenStates(inputs, get(batch, "mask") as tf.Tensor2D);
      // The head runs on the masked positions only (the loss ignores the rest).
      return applyDense(tf.gather(states, get(batch, "rows")) as tf.Tensor2D, head);
    });
  const lossOf = (batch: BatchTensors) => tf.tidy(() => softmaxCrossEntropy(maskedLogits(batch), get(batch, "codes") as tf.Tensor1D));
  /** Cross-entropy of each masked token (inference). */
  const tokenLosses = (batch: BatchTensors) =>
    tf.tidy(() => {
      const logProb = tf.logSoftmax(maskedLogits(batch));
      return tf.neg(tf.sum(tf.mul(logProb, tf.oneHot(get(batch, "codes") as tf.Tensor1D, codebook.k)), 1)) as tf.Tensor1D;
    });

  // MACs: the encoder on all 256 positions, the code head on the masked ones (half the mean real tokens).
  const sample = Math.min(id.splits.train.count, 2000);
  let tokensSum = 0;
  for (let r = 0; r < sample; r++) tokensSum += realTokens(id.splits.train, r);
  const maskedPerRecord = MASK_RATIO * (tokensSum / Math.max(1, sample));

  return {
    params: encoder.params,
    macsPerSample: transformerForwardMacs(encoder.config) + maskedPerRecord * denseMacs(head),
    trainable: [...encoder.trainable, head.w, head.b],
    state: [],
    featureDims: d,
    featureDescription: FEATURES,
    optimizer: "adamw",
    // `rows` index positions of the whole batch, so it cannot be cut along axis 0.
    splittable: false,
    trainBatch: (split, indices, step) => maskedBatch(split, indices, (record) => deriveSeed(config.seed, "mask", step, record)),
    loss: (batch) => lossOf(batch),
    // HELD_OUT_MASKS fixed masks per record, drawn as in training from a seed shared by every run
    // (so runs are compared on the same masks); loss per masked token, SE over records.
    evaluate: async (split) => {
      const sums = new Float64Array(split.count);
      const counts = new Float64Array(split.count);
      for (let m = 0; m < HELD_OUT_MASKS; m++) {
        for (let start = 0; start < split.count; start += config.batch) {
          const indices = Array.from({length: Math.min(config.batch, split.count - start)}, (_, i) => start + i);
          const batch = maskedBatch(split, indices, (record) => deriveSeed(HELD_OUT_SEED, "eval-mask", m, record));
          const rows = get(batch, "rows").dataSync();
          if (rows.length > 0) {
            const losses = tf.tidy(() => tokenLosses(batch).dataSync());
            rows.forEach((row, i) => {
              const record = indices[Math.floor(row / T)];
              sums[record] += losses[i];
              counts[record] += 1;
            });
          }
          tf.dispose(batch as tf.TensorContainer);
        }
      }
      const {mean, se} = ratioAndSe(sums, counts);
      return {loss: mean, lossSe: se};
    },
    features: (split) => encoderFeatures(encoder, split),
    backboneTrainable: encoder.trainable,
    trainableFeatures: (split, indices) => trainableEncoderFeatures(encoder, split, indices),
    dispose: () => {
      encoder.dispose();
      tf.dispose([head.w, head.b]);
    }
  };
}

const backbone = (size: ModelSize) => {
  const c = transformerBackboneConfig(asTransformer(size), 0, false);
  return {params: transformerParams(c), macsPerSample: transformerForwardMacs(c)};
};
const activations = (size: ModelSize) => transformerActivationsPerSample(transformerBackboneConfig(asTransformer(size), 0, false));

/** Transformer on HeartLang beat tokens, pre-trained on the ID labels. */
export const TRANSFORMER_SL: FamilySpec = {
  name: "transformer-sl",
  architecture: TRANSFORMER,
  paradigm: "sl",
  displayName: "Transformer-SL",
  create: (run, id) => transformerSl(run, id),
  backbone,
  activationsPerSample: activations
};

/** Transformer pre-trained by masked-token prediction of beat-codebook codes (paper 4.1). */
export const TRANSFORMER_SSL: FamilySpec = {
  name: "transformer-ssl",
  architecture: TRANSFORMER,
  paradigm: "ssl",
  displayName: "Transformer-SSL",
  create: (run, id) => transformerSsl(run, id),
  backbone,
  activationsPerSample: activations,
  usesCodebook: true
};
