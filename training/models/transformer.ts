/**
 * Encoder-only Transformer over ECG beat tokens (HeartLang-style), as in /work/shared/bench/torch_reference.py
 * with --embed linear: each token is `tokenLength` samples of one beat of one lead, embedded by a linear map
 * (no bias), plus a lead embedding and a time (beat index) embedding; a learned [CLS] token is prepended and
 * learned positions added; pre-LayerNorm blocks of multi-head self-attention and a GELU MLP; the head reads
 * the final LayerNorm of [CLS].
 */
import * as tf from "@tensorflow/tfjs-core";
import {Initializer} from "./init.js";
import {gelu} from "./ops/gelu.js";
import {layerNorm} from "./ops/layer-norm.js";
import type {ApplyOptions, Model} from "./types.js";

export interface TransformerConfig {
  layers: number;
  dModel: number;
  heads: number;
  dFfn: number;
  /** Tokens per sample (without [CLS]). */
  tokens: number;
  /** Samples per token. */
  tokenLength: number;
  /** Head outputs on [CLS]; 0 for an encoder without head (use clsFeatures / tokenStates). */
  outputs: number;
  /** Create a learned mask token that replaces the embedding of masked tokens (masked-token pre-training). */
  maskToken?: boolean;
  /** Rows of the lead and time embedding tables (default 16, as the reference). */
  vocabulary?: number;
  seed?: number;
}

export interface TokenInputs {
  /** [batch, tokens, tokenLength] float32. */
  words: tf.Tensor3D;
  /** [batch, tokens] int32 lead index of each token (< vocabulary). */
  leads: tf.Tensor2D;
  /** [batch, tokens] int32 beat index of each token (< vocabulary). */
  times: tf.Tensor2D;
}

const EPSILON = 1e-5;

export function transformerParams(c: TransformerConfig): number {
  const d = c.dModel, v = c.vocabulary ?? 16, m = c.tokens + 1;
  const block = 2 * d + (3 * d * d + 3 * d) + (d * d + d) + 2 * d + (d * c.dFfn + c.dFfn) + (c.dFfn * d + d);
  return c.tokenLength * d + 2 * v * d + d + m * d + c.layers * block + 2 * d + d * c.outputs + c.outputs + (c.maskToken ? d : 0);
}

/** Forward MACs per sample: token embedding, q/k/v/out and MLP projections, the two attention matmuls, head. */
export function transformerForwardMacs(c: TransformerConfig): number {
  const d = c.dModel, m = c.tokens + 1;
  const block = m * (3 * d * d + d * d + 2 * d * c.dFfn) + 2 * m * m * d;
  return c.tokens * c.tokenLength * d + c.layers * block + d * c.outputs;
}

/** Activation values one sample leaves for the backward pass: per layer the projections, attention maps and FFN. */
export function transformerActivationsPerSample(c: TransformerConfig): number {
  const d = c.dModel, m = c.tokens + 1;
  return c.tokens * c.tokenLength + c.layers * (m * (10 * d + 2 * c.dFfn) + 3 * c.heads * m * m);
}

export type Transformer = Model<TokenInputs> & {
  readonly config: Readonly<TransformerConfig>;
  /** Final-LayerNorm state of [CLS]: [batch, dModel] (the probe features). */
  clsFeatures(inputs: TokenInputs, mask?: tf.Tensor2D): tf.Tensor2D;
  /** Final-LayerNorm states of the tokens (without [CLS]): [batch * tokens, dModel]. */
  tokenStates(inputs: TokenInputs, mask?: tf.Tensor2D): tf.Tensor2D;
};

export function transformer(config: TransformerConfig): Transformer {
  const c = {vocabulary: 16, seed: 0, ...config};
  if (c.dModel % c.heads !== 0) throw new Error(`transformer: dModel ${c.dModel} is not a multiple of heads ${c.heads}`);
  const d = c.dModel, m = c.tokens + 1, dh = d / c.heads;
  const init = new Initializer(c.seed, "transformer");
  const linear = (name: string, fanIn: number, fanOut: number) => ({
    w: init.uniformFanIn(`${name}/w`, [fanIn, fanOut], fanIn),
    b: init.uniformFanIn(`${name}/b`, [fanOut], fanIn)
  });
  const norm = (name: string) => ({gamma: init.ones(`${name}/gamma`, [d]), beta: init.zeros(`${name}/beta`, [d])});
  const embed = init.uniformFanIn("embed/w", [c.tokenLength, d], c.tokenLength);
  const leadTable = init.normal("embed/lead", [c.vocabulary, d], 1);
  const timeTable = init.normal("embed/time", [c.vocabulary, d], 1);
  const cls = init.zeros("embed/cls", [1, 1, d]);
  const pos = init.normal("embed/pos", [1, m, d], 0.02);
  const blocks = Array.from({length: c.layers}, (_, i) => ({
    ln1: norm(`block${i}/ln1`),
    qkv: linear(`block${i}/qkv`, d, 3 * d),
    out: linear(`block${i}/out`, d, d),
    ln2: norm(`block${i}/ln2`),
    fc1: linear(`block${i}/fc1`, d, c.dFfn),
    fc2: linear(`block${i}/fc2`, c.dFfn, d)
  }));
  const final = norm("final_ln");
  const head = c.outputs > 0 ? linear("head", d, c.outputs) : undefined;
  const maskEmbedding = c.maskToken ? init.normal("embed/mask", [1, d], 0.02) : undefined;

  const dense = (x: tf.Tensor, l: {w: tf.Variable; b: tf.Variable}) => tf.add(tf.matMul(x as tf.Tensor2D, l.w as tf.Tensor2D), l.b);
  const ln = (x: tf.Tensor, n: {gamma: tf.Variable; beta: tf.Variable}) => layerNorm(x, n.gamma as tf.Tensor1D, n.beta as tf.Tensor1D, EPSILON);

  function attention(a: tf.Tensor, batch: number, block: (typeof blocks)[number]): tf.Tensor {
    const qkv = tf.transpose(tf.reshape(dense(a, block.qkv), [batch, m, 3, c.heads, dh]), [2, 0, 3, 1, 4]);
    const [q, k, v] = tf.unstack(qkv); // each [batch, heads, m, dh]
    const scores = tf.matMul(tf.mul(q, 1 / Math.sqrt(dh)), k, false, true); // scaling q is cheaper than the scores
    const o = tf.matMul(tf.softmax(scores), v);
    return dense(tf.reshape(tf.transpose(o, [0, 2, 1, 3]), [batch * m, d]), block.out);
  }

  /** The encoder up to (not including) the final LayerNorm: [batch * (tokens + 1), d], [CLS] first. */
  function trunk(inputs: TokenInputs, mask?: tf.Tensor2D): tf.Tensor2D {
    const batch = inputs.words.shape[0], n = c.tokens;
    let h = tf.matMul(tf.reshape(inputs.words, [batch * n, c.tokenLength]), embed as tf.Tensor2D);
    if (mask) {
      if (!maskEmbedding) throw new Error("transformer: a mask was given but the model has no mask token (maskToken: true)");
      const m1 = tf.reshape(tf.cast(mask, "float32"), [batch * n, 1]);
      h = tf.add(tf.mul(h, tf.sub(1, m1)), tf.mul(m1, maskEmbedding));
    }
    h = tf.add(h, tf.gather(leadTable, tf.reshape(inputs.leads, [batch * n])));
    h = tf.add(h, tf.gather(timeTable, tf.reshape(inputs.times, [batch * n])));
    const withCls = tf.concat([tf.broadcastTo(cls, [batch, 1, d]), tf.reshape(h, [batch, n, d])], 1);
    let x = tf.reshape(tf.add(withCls, pos), [batch * m, d]);
    for (const block of blocks) {
      x = tf.add(x, attention(ln(x, block.ln1), batch, block));
      x = tf.add(x, dense(gelu(dense(ln(x, block.ln2), block.fc1)), block.fc2));
    }
    return x as tf.Tensor2D;
  }

  function clsFeatures(inputs: TokenInputs, mask?: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const batch = inputs.words.shape[0];
      // LayerNorm is per token, so normalise just the [CLS] row
      const clsRow = tf.reshape(tf.slice(tf.reshape(trunk(inputs, mask), [batch, m, d]), [0, 0, 0], [batch, 1, d]), [batch, d]);
      return ln(clsRow, final) as tf.Tensor2D;
    });
  }

  function tokenStates(inputs: TokenInputs, mask?: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const batch = inputs.words.shape[0];
      const tokens = tf.slice(tf.reshape(trunk(inputs, mask), [batch, m, d]), [0, 1, 0], [batch, c.tokens, d]);
      return ln(tf.reshape(tokens, [batch * c.tokens, d]), final) as tf.Tensor2D;
    });
  }

  function apply(inputs: TokenInputs, _options: ApplyOptions = {}): tf.Tensor2D {
    if (!head) throw new Error("transformer: built without a head (outputs: 0); use clsFeatures or tokenStates");
    return tf.tidy(() => dense(clsFeatures(inputs), head) as tf.Tensor2D);
  }

  return {
    config: c,
    params: transformerParams(c),
    forwardMacs: transformerForwardMacs(c),
    trainable: init.variables,
    state: [],
    apply,
    clsFeatures,
    tokenStates,
    dispose: () => tf.dispose(init.variables)
  };
}
