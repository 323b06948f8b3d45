/**
 * ResNet families (paper 4.1; Ribeiro et al. 2020 layout with compound scaling):
 * backbone = stem conv (kernel 16) + `units` residual units, stem width `width`, unit k
 * of width (k + 1) x width (Ribeiro's 64 -> 128, 196, 256, 320 is width 64, 4 units,
 * with 192 for 196), each downsampling by 4, dropout 0.2; features = global average
 * pool of the last unit (a departure from Ribeiro's flatten: it makes the backbone
 * independent of input length, as CMSC's 5-s halves and the 10-s probe inputs need).
 *  - ResNet-SL: a dense head to the six ID labels, BCE.
 *  - ResNet-SSL (CMSC, CLOCS): both 5-s halves through the backbone, a 2-layer MLP
 *    projection (hidden = feature width, ReLU) to 128-d, L2-normalised; CMSC loss with
 *    temperature 0.1 and patient-level positives; the projection is dropped afterwards.
 */
import * as tf from "@tensorflow/tfjs-core";
import type {Corpus, CorpusSplit} from "../corpus/index.js";
import {Initializer} from "../models/init.js";
import {resnet, resnetActivationsPerSample, type ResNet, resnetFeatureDims, resnetForwardMacs, resnetParams, type ResNetConfig} from "../models/resnet.js";
import {heldOutBatches, meanAndSe} from "./held-out.js";
import {cmscLoss} from "../objectives/cmsc.js";
import type {BatchTensors} from "../optim/index.js";
import {cmscBatch, signalBatch, LEADS, SAMPLES} from "./batches.js";
import {applyDense, dense, denseMacs, denseParams} from "./heads.js";
import {mapInChunks} from "./inference.js";
import {ConfigError} from "../util/errors.js";
import {slLabels} from "./sl-labels.js";
import type {Architecture, ModelSize} from "./architecture.js";
import type {FamilyModel, FamilyRunInput, FamilySpec} from "./types.js";

/** ResNet compound scaling (paper A.2): `units` residual units, stem width `width`. */
export type ResNetSize = {units: number; width: number};

/** Sizes are UNITSxWIDTH. */
export const RESNET: Architecture = {name: "resnet", displayName: "ResNet", dimensions: ["units", "width"], example: {units: 3, width: 16}};

export const RESNET_KERNEL = 16;
export const RESNET_DOWNSAMPLE = 4;
export const PROJECTION_DIMS = 128;
export const CMSC_TEMPERATURE = 0.1;
/** Dropout-counter room per step (one training-mode call per micro-batch): masks are a function of the step. */
const DROPOUT_CALLS_PER_STEP = 1 << 16;

export function resnetBackboneConfig(size: ResNetSize, inputLength: number, seed: number): ResNetConfig {
  return {
    stem: size.width,
    units: Array.from({length: size.units}, (_, k) => size.width * (k + 2)),
    kernel: RESNET_KERNEL,
    downsample: RESNET_DOWNSAMPLE,
    inputLength,
    leads: LEADS,
    outputs: 0,
    pool: "average",
    seed
  };
}

const FEATURES = "global average pool of the last residual unit (frozen backbone, 10-s input)";

export function resnetSl(config: FamilyRunInput, id: Corpus): FamilyModel {
  const size = asResNet(config.size);
  const backbone = resnet(resnetBackboneConfig(size, SAMPLES, config.seed));
  const dims = resnetFeatureDims(backbone.config);
  const task = slLabels(config, id);
  const classes = task.headClasses.length;
  const head = dense(new Initializer(config.seed + 1, "resnet-sl-head"), "head", dims, classes);
  const logits = (x: tf.Tensor3D, training: boolean) => applyDense(backbone.apply(x, {training}), head);
  return {
    params: backbone.params,
    macsPerSample: backbone.forwardMacs + denseMacs(head),
    trainable: [...backbone.trainable, head.w, head.b],
    state: backbone.state,
    featureDims: dims,
    featureDescription: FEATURES,
    optimizer: "adam",
    splittable: true,
    trainBatch: (split, indices, step) => {
      backbone.seekDropout(step * DROPOUT_CALLS_PER_STEP);
      return {
        x: tf.tensor3d(signalBatch(split, indices), [indices.length, SAMPLES, LEADS]),
        y: tf.tensor2d(task.targets(split, indices), [indices.length, classes])
      };
    },
    loss: (batch, training) => tf.tidy(() => task.loss(logits(get(batch, "x") as tf.Tensor3D, training), get(batch, "y"))),
    evaluate: async (split) => {
      const scores = await mapInChunks(split.count, classes, (indices) =>
        tf.tidy(() => logits(tf.tensor3d(signalBatch(split, indices), [indices.length, SAMPLES, LEADS]), false))
      );
      return task.evaluate(scores, split);
    },
    features: (split) => backboneFeatures(backbone.apply, split, dims),
    backboneTrainable: backbone.trainable,
    trainableFeatures: (split, indices, training, step) => trainableBackboneFeatures(backbone, split, indices, training, step),
    predict: (split) =>
      mapInChunks(split.count, classes, (indices) => tf.tidy(() => tf.sigmoid(logits(tf.tensor3d(signalBatch(split, indices), [indices.length, SAMPLES, LEADS]), false)) as tf.Tensor2D)),
    dispose: () => {
      backbone.dispose();
      tf.dispose([head.w, head.b]);
    }
  };
}

export function resnetSsl(config: FamilyRunInput): FamilyModel {
  const size = asResNet(config.size);
  const half = SAMPLES / 2;
  // One set of weights; MACs and the CMSC input are per 5-s half, features are read on 10-s records.
  const backbone = resnet(resnetBackboneConfig(size, half, config.seed));
  const dims = resnetFeatureDims(backbone.config);
  const init = new Initializer(config.seed + 1, "resnet-ssl-projection");
  const hidden = dense(init, "projection/hidden", dims, dims);
  const out = dense(init, "projection/out", dims, PROJECTION_DIMS);
  const project = (x: tf.Tensor3D, training: boolean) =>
    tf.tidy(() => {
      const z = applyDense(tf.relu(applyDense(backbone.apply(x, {training}), hidden)) as tf.Tensor2D, out);
      // L2 normalisation written out: tf.norm's gradient needs Max, which has none registered.
      return tf.mul(z, tf.rsqrt(tf.add(tf.sum(tf.square(z), 1, true), 1e-12))) as tf.Tensor2D;
    });
  const lossOf = (first: tf.Tensor3D, second: tf.Tensor3D, patients: ArrayLike<number>, training: boolean) =>
    tf.tidy(() => cmscLoss(project(tf.concat([first, second], 0) as tf.Tensor3D, training), [...Array.from(patients), ...Array.from(patients)], CMSC_TEMPERATURE));

  return {
    params: backbone.params,
    macsPerSample: 2 * (backbone.forwardMacs + denseMacs(hidden) + denseMacs(out)),
    trainable: [...backbone.trainable, hidden.w, hidden.b, out.w, out.b],
    state: backbone.state,
    featureDims: dims,
    featureDescription: FEATURES,
    optimizer: "adam",
    // Micro-batches keep each record's two halves together, but see fewer negatives each.
    splittable: true,
    trainBatch: (split, indices, step) => {
      backbone.seekDropout(step * DROPOUT_CALLS_PER_STEP);
      return halves(split, indices);
    },
    loss: (batch, training) => {
      const patients = get(batch, "patients").dataSync();
      return lossOf(get(batch, "first") as tf.Tensor3D, get(batch, "second") as tf.Tensor3D, patients, training);
    },
    // Batches drawn as training draws them (random records of the split, the training batch size),
    // from a seed shared by every run, over several passes; the SE is over batches.
    evaluate: async (split) => {
      if (split.count < 2) throw new Error(`resnet-ssl: a held-out split needs at least 2 records for CMSC, got ${split.count}`);
      const losses = heldOutBatches(split.count, config.batch).map((indices) => {
        const batch = halves(split, indices);
        const loss = tf.tidy(() => lossOf(get(batch, "first") as tf.Tensor3D, get(batch, "second") as tf.Tensor3D, get(batch, "patients").dataSync(), false).dataSync()[0]);
        tf.dispose(batch as tf.TensorContainer);
        return loss;
      });
      const {mean, se} = meanAndSe(losses);
      return {loss: mean, lossSe: se};
    },
    features: (split) => backboneFeatures(backbone.apply, split, dims),
    // The backbone pools by average, so the 5-s backbone reads the 10-s record as `features` does.
    backboneTrainable: backbone.trainable,
    trainableFeatures: (split, indices, training, step) => trainableBackboneFeatures(backbone, split, indices, training, step),
    dispose: () => {
      backbone.dispose();
      tf.dispose([hidden.w, hidden.b, out.w, out.b]);
    }
  };
}

function halves(split: CorpusSplit, indices: number[]): BatchTensors {
  const {x} = cmscBatch(split, indices);
  const b = indices.length;
  const per = (SAMPLES / 2) * LEADS;
  return {
    first: tf.tensor3d(x.subarray(0, b * per), [b, SAMPLES / 2, LEADS]),
    second: tf.tensor3d(x.subarray(b * per), [b, SAMPLES / 2, LEADS]),
    patients: tf.tensor1d(Int32Array.from(indices, (i) => split.patientIds[i]), "int32")
  };
}

function backboneFeatures(apply: (x: tf.Tensor3D) => tf.Tensor2D, split: CorpusSplit, dims: number): Promise<Float32Array> {
  return mapInChunks(split.count, dims, (indices) => tf.tidy(() => apply(tf.tensor3d(signalBatch(split, indices), [indices.length, SAMPLES, LEADS]))));
}

/** The backbone on 10-s records of a split, differentiable (fine-tuning); dropout masks seeked to `step` as in training. */
function trainableBackboneFeatures(backbone: ResNet, split: CorpusSplit, indices: number[], training: boolean, step?: number): tf.Tensor2D {
  if (training && step !== undefined) backbone.seekDropout(step * DROPOUT_CALLS_PER_STEP);
  return tf.tidy(() => backbone.apply(tf.tensor3d(signalBatch(split, indices), [indices.length, SAMPLES, LEADS]), {training}));
}

export function get(batch: BatchTensors, name: string): tf.Tensor {
  if (batch instanceof tf.Tensor) throw new Error("family batch must be a record of tensors");
  const t = batch[name];
  if (!t) throw new Error(`family batch has no "${name}"`);
  return t;
}

const asResNet = (size: ModelSize) => size as ResNetSize;
const activations = (size: ModelSize) => resnetActivationsPerSample(resnetBackboneConfig(asResNet(size), SAMPLES, 0));

/** ResNet pre-trained on the ID labels (multi-label BCE). */
export const RESNET_SL: FamilySpec = {
  name: "resnet-sl",
  architecture: RESNET,
  paradigm: "sl",
  displayName: "ResNet-SL",
  create: (run, id) => resnetSl(run, id),
  backbone: (size) => {
    const c = resnetBackboneConfig(asResNet(size), SAMPLES, 0);
    return {params: resnetParams(c), macsPerSample: resnetForwardMacs(c)};
  },
  activationsPerSample: activations
};

/** ResNet pre-trained with CMSC (two 5-s halves of each record; paper 4.1). */
export const RESNET_SSL: FamilySpec = {
  name: "resnet-ssl",
  architecture: RESNET,
  paradigm: "ssl",
  displayName: "ResNet-SSL",
  create: (run) => resnetSsl(run),
  backbone: (size) => ({
    params: resnetParams(resnetBackboneConfig(asResNet(size), SAMPLES, 0)),
    macsPerSample: 2 * resnetForwardMacs(resnetBackboneConfig(asResNet(size), SAMPLES / 2, 0))
  }),
  activationsPerSample: activations,
  checkRun: (run) => {
    if (run.batch < 2) throw new ConfigError("resnet-ssl needs batch >= 2 (contrastive negatives)");
  }
};
