/**
 * 1-D ResNet in the layout of Ribeiro et al. 2020 (Nat. Commun. 11:1760), on [batch, length, leads] input:
 * stem conv-BN-ReLU, then residual units, each
 *   skip = maxpool(y, downsample) (then a 1x1 conv when the width changes)
 *   x = conv(stride downsample)(dropout(relu(bn(conv(x))))) + skip;  y = x;  x = dropout(relu(bn(x)))
 * and a dense head on the flattened output. Convolutions have no bias and TensorFlow's 'same' padding, as
 * in /work/shared/bench/torch_reference.py, whose parameter and MAC counts these match.
 */
import * as tf from "@tensorflow/tfjs-core";
import {Initializer} from "./init.js";
import {batchNormReluDropout} from "./ops/batch-norm.js";
import {mix32} from "./ops/dropout-mask.js";
import type {ApplyOptions, Model} from "./types.js";

export interface ResNetConfig {
  /** Width of the stem convolution. */
  stem: number;
  /** Width of each residual unit (each downsamples by `downsample`). */
  units: number[];
  kernel: number;
  downsample: number;
  inputLength: number;
  leads: number;
  /** Head outputs; 0 for a backbone without head (apply then returns the features). */
  outputs: number;
  /**
   * How the last unit's output becomes features: "flatten" (Ribeiro et al., the reference; ties the
   * model to one input length) or "average" (global average pooling over time: any input length,
   * as the study's families need for 5-s CMSC halves and 10-s records). Default "flatten".
   */
  pool?: "flatten" | "average";
  /** Dropout rate after each unit's ReLUs (default RESNET_DROPOUT, 0.2, as Ribeiro et al.). */
  dropout?: number;
  /** Seed of the initial weights and of the dropout masks (default 0). */
  seed?: number;
}

const EPSILON = 1e-5;
const MOMENTUM = 0.1; // PyTorch's batch-norm momentum

/** Length after each unit: 'same' padding with stride s gives ceil(length / s). */
function lengths(c: ResNetConfig): number[] {
  const out = [c.inputLength];
  for (let i = 0; i < c.units.length; i++) out.push(Math.ceil(out[out.length - 1] / c.downsample));
  return out;
}

/** Activation values one sample leaves for the backward pass: every conv, norm and activation output. */
export function resnetActivationsPerSample(c: ResNetConfig): number {
  const len = lengths(c);
  // Per unit: two convolutions, each followed by batch norm and ReLU (and dropout), plus the shortcut.
  const TENSORS_PER_CONV = 4;
  let values = c.inputLength * c.stem * TENSORS_PER_CONV;
  c.units.forEach((cout, i) => (values += (len[i] + len[i + 1]) * cout * TENSORS_PER_CONV + len[i + 1] * cout));
  return values;
}

/** Width of the features the head reads: flattened time x channels, or channels after average pooling. */
export function resnetFeatureDims(c: ResNetConfig): number {
  const cin = c.units.length ? c.units[c.units.length - 1] : c.stem;
  return (c.pool ?? "flatten") === "average" ? cin : cin * lengths(c)[c.units.length];
}

/** Trainable parameters: convolutions, batch-norm scale and offset, and the head (weights and bias). */
export function resnetParams(c: ResNetConfig): number {
  let n = c.kernel * c.leads * c.stem + 2 * c.stem;
  let cin = c.stem;
  for (const cout of c.units) {
    n += c.kernel * cin * cout + 2 * cout + c.kernel * cout * cout + 2 * cout + (cin !== cout ? cin * cout : 0);
    cin = cout;
  }
  return n + resnetFeatureDims(c) * c.outputs + c.outputs;
}

/** Forward MACs per sample: convolutions and the head (batch norm, ReLU and pooling are not counted). */
export function resnetForwardMacs(c: ResNetConfig): number {
  const len = lengths(c);
  let macs = c.inputLength * c.kernel * c.leads * c.stem;
  let cin = c.stem;
  c.units.forEach((cout, i) => {
    macs += len[i] * c.kernel * cin * cout + len[i + 1] * c.kernel * cout * cout + (cin !== cout ? len[i + 1] * cin * cout : 0);
    cin = cout;
  });
  return macs + resnetFeatureDims(c) * c.outputs;
}

interface BatchNorm {
  gamma: tf.Variable;
  beta: tf.Variable;
  mean: tf.Variable;
  variance: tf.Variable;
}

export type ResNet = Model<tf.Tensor3D> & {
  readonly config: Readonly<ResNetConfig>;
  /**
   * Sets the dropout counter (it advances on every training-mode call). The trainer seeks it to a
   * function of the step before each step, so the masks depend on the step alone and a resumed run
   * draws the same masks as an uninterrupted one.
   */
  seekDropout(counter: number): void;
};

/** Dropout rate after each batch-norm/ReLU (paper A.2); ResNetConfig.dropout overrides it. */
export const RESNET_DROPOUT = 0.2;

export function resnet(config: ResNetConfig): ResNet {
  const c = {dropout: RESNET_DROPOUT, seed: 0, pool: "flatten" as const, ...config};
  const init = new Initializer(c.seed, "resnet");
  const state: tf.Variable[] = [];
  const conv = (name: string, k: number, cin: number, cout: number) => init.uniformFanIn(name, [k, cin, cout], k * cin);
  const bn = (name: string, ch: number): BatchNorm => {
    const b = {
      gamma: init.ones(`${name}/gamma`, [ch]),
      beta: init.zeros(`${name}/beta`, [ch]),
      mean: init.state(`${name}/running_mean`, tf.zeros([ch])),
      variance: init.state(`${name}/running_var`, tf.ones([ch]))
    };
    state.push(b.mean, b.variance);
    return b;
  };
  const stem = {conv: conv("stem/conv", c.kernel, c.leads, c.stem), bn: bn("stem/bn", c.stem)};
  let cin = c.stem;
  const units = c.units.map((cout, i) => {
    const u = {
      skip: cin !== cout ? conv(`unit${i}/skip`, 1, cin, cout) : undefined,
      conv1: conv(`unit${i}/conv1`, c.kernel, cin, cout),
      bn1: bn(`unit${i}/bn1`, cout),
      conv2: conv(`unit${i}/conv2`, c.kernel, cout, cout),
      bn2: bn(`unit${i}/bn2`, cout)
    };
    cin = cout;
    return u;
  });
  const flat = resnetFeatureDims(c);
  const head = c.outputs > 0 ? {w: init.uniformFanIn("head/w", [flat, c.outputs], flat), b: init.uniformFanIn("head/b", [c.outputs], flat)} : undefined;
  let step = 0; // advances the dropout seeds on every training-mode call

  function apply(x: tf.Tensor3D, options: ApplyOptions = {}): tf.Tensor2D {
    const training = options.training ?? false;
    const update = training && (options.updateStatistics ?? true);
    const stepKey = mix32((c.seed * 0x9e3779b1 + step++) >>> 0);
    let layer = 0;
    const norm = (h: tf.Tensor, b: BatchNorm, rate: number): tf.Tensor => {
      layer++;
      if (!training) {
        const y = tf.relu(tf.batchNorm(h, b.mean, b.variance, b.beta, b.gamma, EPSILON));
        return y; // dropout is off at inference
      }
      const seed = mix32((stepKey ^ Math.imul(layer, 0x27d4eb2f)) >>> 0);
      const r = batchNormReluDropout(h, b.gamma as tf.Tensor1D, b.beta as tf.Tensor1D, {epsilon: EPSILON, relu: true, dropoutRate: rate, seed});
      if (update) updateRunning(b, r.mean, r.variance, tf.util.sizeFromShape(h.shape.slice(0, -1)));
      r.mean.dispose();
      r.variance.dispose();
      return r.y;
    };
    return tf.tidy(() => {
      let h = norm(tf.conv1d(x, stem.conv as tf.Tensor3D, 1, "same"), stem.bn, 0);
      let y = h;
      for (const u of units) {
        const pooled = maxPool1d(y, c.downsample);
        const skip = u.skip ? tf.conv1d(pooled, u.skip as tf.Tensor3D, 1, "same") : pooled;
        const inner = norm(tf.conv1d(h as tf.Tensor3D, u.conv1 as tf.Tensor3D, 1, "same"), u.bn1, c.dropout);
        y = tf.add(tf.conv1d(inner as tf.Tensor3D, u.conv2 as tf.Tensor3D, c.downsample, "same"), skip);
        h = norm(y, u.bn2, c.dropout);
      }
      const features = c.pool === "average" ? tf.mean(h, 1) : tf.reshape(h, [h.shape[0], flat]);
      if (!head) return features as tf.Tensor2D;
      return tf.add(tf.matMul(features as tf.Tensor2D, head.w), head.b) as tf.Tensor2D;
    });
  }

  return {
    config: c,
    params: resnetParams(c),
    forwardMacs: resnetForwardMacs(c),
    trainable: init.variables,
    state,
    apply,
    seekDropout: (counter: number) => {
      step = counter;
    },
    dispose: () => tf.dispose([...init.variables, ...state])
  };
}

/** Max pooling with window = stride = `size` and 'same' padding (padding never wins, like -inf). */
function maxPool1d(x: tf.Tensor, size: number): tf.Tensor3D {
  const [b, len, ch] = x.shape;
  const pooled = tf.maxPool(tf.reshape(x, [b, 1, len, ch]) as tf.Tensor4D, [1, size], [1, size], "same");
  return tf.reshape(pooled, [b, pooled.shape[2], ch]);
}

/** PyTorch's update: running = (1 - m) running + m batch, with the unbiased batch variance. */
function updateRunning(b: BatchNorm, mean: tf.Tensor1D, variance: tf.Tensor1D, count: number): void {
  const unbiased = count > 1 ? count / (count - 1) : 1;
  b.mean.assign(tf.add(tf.mul(b.mean, 1 - MOMENTUM), tf.mul(mean, MOMENTUM)));
  b.variance.assign(tf.add(tf.mul(b.variance, 1 - MOMENTUM), tf.mul(variance, MOMENTUM * unbiased)));
}
