/**
 * Focal loss on logits (Lin et al. 2017, "Focal Loss for Dense Object Detection", eq. 5) for multi-label SL
 * pre-training on a long-tailed label space (issue 16; the paper's choice for its MIMIC-IV-ECG label study):
 *
 *   FL(x, z) = alpha_t (1 - p_t)^gamma (-log p_t),  p_t = sigmoid(x) if z = 1, 1 - sigmoid(x) if z = 0,
 *   alpha_t = alpha if z = 1, 1 - alpha if z = 0 (alpha omitted: alpha_t = 1),
 *
 * averaged over batch and labels, like binaryCrossEntropyWithLogits (ops/loss.ts); gamma = 0 without alpha
 * is that BCE. Targets must be 0 or 1.
 *
 * Stable form: with s = (2z - 1) x, p_t = sigmoid(s), 1 - p_t = sigmoid(-s), so
 *   -log p_t = softplus(-s),  (1 - p_t)^gamma = exp(-gamma softplus(s)),
 * and softplus(u) = max(u, 0) + log(1 + e^-|u|) never overflows; no probability is formed and no log(0) taken.
 *
 * Gradient in closed form (one fused op, as for the BCE), q = 1 - p_t:
 *   dFL/ds = alpha_t q^gamma (gamma p_t log p_t - q),   dFL/dx = (2z - 1) dFL/ds,
 * which is (sigmoid(x) - z) for gamma = 0. Checked against tf.grad's finite differences and a numpy reference
 * in test/unit/focal-loss.test.ts.
 */
import * as tf from "@tensorflow/tfjs-core";
import {customOp} from "./custom.js";

export interface FocalLossOptions {
  /** Focusing parameter gamma >= 0 (Lin et al. use 2); 0 gives the (alpha-weighted) BCE. */
  gamma: number;
  /** Weight of the positive class in [0, 1] (Lin et al.: 0.25 with gamma = 2); omitted: no weighting. */
  alpha?: number;
}

/** softplus(u) = log(1 + e^u) in the stable form max(u, 0) + log1p(e^-|u|). */
function softplus(u: tf.Tensor): tf.Tensor {
  return tf.add(tf.relu(u), tf.log1p(tf.exp(tf.neg(tf.abs(u)))));
}

export function focalLossWithLogits(logits: tf.Tensor, targets: tf.Tensor, options: FocalLossOptions): tf.Scalar {
  const {gamma, alpha} = options;
  if (!(gamma >= 0) || !Number.isFinite(gamma)) throw new Error(`focal loss: gamma must be a finite number >= 0, got ${gamma}`);
  if (alpha !== undefined && !(alpha >= 0 && alpha <= 1)) throw new Error(`focal loss: alpha must lie in [0, 1], got ${alpha}`);
  const n = logits.size;
  // alpha_t = alpha z + (1 - alpha)(1 - z) = (1 - alpha) + (2 alpha - 1) z
  const alphaT = (z: tf.Tensor): tf.Tensor | null => (alpha === undefined ? null : tf.add(tf.scalar(1 - alpha), tf.mul(tf.scalar(2 * alpha - 1), z)));
  const op = customOp(([x, z], save) => {
    save([x, z]);
    const value = tf.tidy(() => {
      const sign = tf.sub(tf.mul(z, 2), 1);
      const s = tf.mul(sign, x);
      const ce = softplus(tf.neg(s));
      let loss = gamma === 0 ? ce : tf.mul(tf.exp(tf.mul(softplus(s), -gamma)), ce);
      const a = alphaT(z);
      if (a) loss = tf.mul(a, loss);
      return tf.mean(loss);
    });
    return {
      value,
      gradFunc: (dy, [sx, sz]) =>
        tf.tidy(() => {
          const sign = tf.sub(tf.mul(sz, 2), 1);
          const s = tf.mul(sign, sx);
          const spNeg = softplus(tf.neg(s)); // -log p_t
          const q = tf.exp(tf.neg(softplus(s))); // 1 - p_t
          const pt = tf.exp(tf.neg(spNeg));
          // q^gamma (gamma p_t log p_t - q); for gamma = 0 the first term vanishes and q^0 = 1
          let ds = gamma === 0 ? tf.neg(q) : tf.mul(tf.exp(tf.mul(softplus(s), -gamma)), tf.sub(tf.mul(tf.scalar(-gamma), tf.mul(pt, spNeg)), q));
          const a = alphaT(sz);
          if (a) ds = tf.mul(a, ds);
          return [tf.mul(tf.mul(sign, ds), tf.div(dy, n)), tf.zerosLike(sz)];
        })
    };
  });
  return op(logits, targets) as tf.Scalar;
}
