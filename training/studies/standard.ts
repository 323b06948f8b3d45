import {FIRST_OOD_DATASETS} from "../corpus/specs.js";
import type {Study} from "./types.js";

/**
 * The larger grid: 4 model sizes x 4 data sizes for each family, about 2 decades of N
 * (ResNet 2.4K-210K, Transformer 4K-125K parameters) and 1.5 decades of D (250-8,000
 * records), 1,000 steps of 64 records, all eight OOD tasks. Its earlier edition (training
 * code 2026-11-25.1, 4 evaluations per run, evaluation splits scaled with the corpus) took
 * about 1 h 51 min with 2 single-threaded workers (results/studies/standard.md) and is
 * stale; retrained, it is evaluated every 100 steps (its largest models overfit before the
 * earlier first evaluation at step 250) on full-size evaluation splits.
 */
export const standard: Study = {
  name: "standard",
  description: "The published study: 4 N x 4 D per family, 1,000 steps, eight OOD tasks.",
  families: ["resnet-sl", "resnet-ssl", "transformer-sl", "transformer-ssl"],
  sizes: {
    resnet: [{units: 1, width: 4}, {units: 2, width: 6}, {units: 3, width: 8}, {units: 3, width: 16}],
    transformer: [
      {layers: 1, dModel: 8, heads: 1, dFfn: 32},
      {layers: 1, dModel: 16, heads: 2, dFfn: 64},
      {layers: 1, dModel: 32, heads: 2, dFfn: 128},
      {layers: 2, dModel: 64, heads: 4, dFfn: 256}
    ]
  },
  records: [250, 800, 2500, 8000],
  steps: 1000,
  evalEvery: 100,
  ood: [...FIRST_OOD_DATASETS],
  seeds: [0],
  corpus: {name: "code-like", seed: 0, scale: 0.5, evalScale: 1},
  train: {batch: 64}
};
