// A tiny model family that exists only in tests: it proves that a family is one registry entry. Per record it
// pools each lead over time (mean and mean absolute value: 24 numbers), then a hidden layer of `width` units
// with ReLU, then the label head. Size grammar: WIDTH.
import * as tf from "@tensorflow/tfjs-core";
import type {Architecture, ModelSize} from "../../../training/families/architecture.js";
import {labelBatch, LEADS, SAMPLES, signalBatch} from "../../../training/families/batches.js";
import {applyDense, dense, denseMacs, denseParams} from "../../../training/families/heads.js";
import {meanAndSe, perRecordBce} from "../../../training/families/held-out.js";
import {mapInChunks} from "../../../training/families/inference.js";
import type {FamilySpec} from "../../../training/families/types.js";
import {macroAuroc} from "../../../training/eval/auroc.js";
import {binaryCrossEntropyWithLogits} from "../../../training/models/ops/loss.js";
import {Initializer} from "../../../training/models/init.js";
import type {CorpusSplit} from "../../../training/corpus/index.js";

const POOLED = 2 * LEADS;

export const POOL: Architecture = {name: "pool", displayName: "Pool", dimensions: ["width"], example: {width: 8}};

function pooled(split: CorpusSplit, indices: number[]): tf.Tensor2D {
  return tf.tidy(() => {
    const x = tf.tensor3d(signalBatch(split, indices), [indices.length, SAMPLES, LEADS]);
    return tf.concat([tf.mean(x, 1), tf.mean(tf.abs(x), 1)], 1) as tf.Tensor2D;
  });
}

export const POOL_SL: FamilySpec = {
  name: "pool-sl",
  architecture: POOL,
  paradigm: "sl",
  displayName: "Pool-SL",
  backbone: (size: ModelSize) => ({params: POOLED * size.width! + size.width!, macsPerSample: 2 * LEADS * SAMPLES + POOLED * size.width!}),
  activationsPerSample: () => LEADS * SAMPLES,
  create: (run, id) => {
    const classes = id.task.classes.length;
    const init = new Initializer(run.seed, "pool-sl");
    const hidden = dense(init, "hidden", POOLED, run.size.width!);
    const head = dense(init, "head", run.size.width!, classes);
    const features = (x: tf.Tensor2D) => tf.relu(applyDense(x, hidden)) as tf.Tensor2D;
    const logits = (x: tf.Tensor2D) => applyDense(features(x), head);
    const all = (split: CorpusSplit) => Array.from({length: split.count}, (_, i) => i);
    return {
      params: denseParams(hidden) + denseParams(head),
      macsPerSample: 2 * LEADS * SAMPLES + denseMacs(hidden) + denseMacs(head),
      trainable: [hidden.w, hidden.b, head.w, head.b],
      state: [],
      featureDims: run.size.width!,
      featureDescription: "hidden layer of the pooled leads (test family)",
      optimizer: "adam",
      splittable: true,
      trainBatch: (split, indices) => ({x: pooled(split, indices), y: tf.tensor2d(labelBatch(split, indices, classes), [indices.length, classes])}),
      loss: (batch) => tf.tidy(() => binaryCrossEntropyWithLogits(logits((batch as Record<string, tf.Tensor>).x as tf.Tensor2D), (batch as Record<string, tf.Tensor>).y!)),
      evaluate: async (split) => {
        const scores = await mapInChunks(split.count, classes, (indices) => tf.tidy(() => logits(pooled(split, indices))));
        const labels = labelBatch(split, all(split), classes);
        const {mean, se} = meanAndSe(perRecordBce(scores, labels, classes));
        return {loss: mean, lossSe: se, auroc: macroAuroc(scores, labels, classes).macro};
      },
      features: (split) => mapInChunks(split.count, run.size.width!, (indices) => tf.tidy(() => features(pooled(split, indices)))),
      dispose: () => tf.dispose([hidden.w, hidden.b, head.w, head.b])
    };
  }
};
