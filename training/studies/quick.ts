import {FIRST_OOD_DATASETS} from "../corpus/specs.js";
import type {Study} from "./types.js";

/**
 * The study this repository publishes (until a larger one is trained with the current code): 3 model sizes x
 * 3 data sizes per family, a second seed at the middle data size (12 replicate cells: seed-to-seed spread and
 * lack-of-fit tests), a short step budget evaluated 4 times, all eight OOD tasks. The evaluation splits are at full
 * size (evalScale 1: about 4,900 ID test records, 1,500 test records per OOD task) although the pre-training
 * pool is a quarter of the default corpus.
 */
export const quick: Study = {
  name: "quick",
  description: "3 model sizes x 3 data sizes per family (a second seed at the middle data size), 240 steps, eight OOD tasks, full-size evaluation splits.",
  families: ["resnet-sl", "resnet-ssl", "transformer-sl", "transformer-ssl"],
  sizes: {
    resnet: [{units: 1, width: 4}, {units: 2, width: 8}, {units: 3, width: 12}],
    transformer: [{layers: 1, dModel: 8, heads: 1, dFfn: 32}, {layers: 1, dModel: 16, heads: 2, dFfn: 64}, {layers: 1, dModel: 32, heads: 2, dFfn: 128}]
  },
  records: [250, 1000, 4000],
  steps: 240,
  evalEvery: 60,
  ood: [...FIRST_OOD_DATASETS],
  seeds: [0],
  replicates: {records: [1000], seeds: [1]},
  corpus: {name: "code-like", seed: 0, scale: 0.25, evalScale: 1},
  train: {batch: 32}
};
