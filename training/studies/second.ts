import type {Study} from "./types.js";

/**
 * The second edition's study (issue 13): design chosen by `npm run power` (training/studies/power/,
 * results/studies/second-design.md). Provisional until the power analysis is committed.
 */
export const second: Study = {
  name: "second",
  description: "5 N x 6 D per family (ResNet 4.7K-469K, Transformer 4K-125K parameters; D 250-16,000), steps max(1,000, 4 epochs over D) of 64, a second seed at D = 1,000 and 4,000, eight OOD tasks.",
  families: ["resnet-sl", "resnet-ssl", "transformer-sl", "transformer-ssl"],
  sizes: {
    resnet: [{units: 1, width: 6}, {units: 2, width: 8}, {units: 3, width: 12}, {units: 3, width: 16}, {units: 3, width: 24}],
    transformer: [
      {layers: 1, dModel: 8, heads: 1, dFfn: 32},
      {layers: 1, dModel: 16, heads: 2, dFfn: 64},
      {layers: 1, dModel: 32, heads: 2, dFfn: 128},
      {layers: 2, dModel: 48, heads: 4, dFfn: 192},
      {layers: 2, dModel: 64, heads: 4, dFfn: 256}
    ]
  },
  records: [250, 1000, 2000, 4000, 8000, 16000],
  steps: {epochs: 4, min: 1000},
  evalEvery: {evaluations: 10},
  ood: ["ptbxl-super", "ptbxl-rhythm", "ptbxl-form", "cpsc", "csn-rhythm", "structural", "risk", "sex"],
  seeds: [0],
  replicates: {records: [1000, 4000], seeds: [1]},
  // corpus edition 2: set when the corpus edition lands
  corpus: {name: "code-like", seed: 0, scale: 1, evalScale: 1},
  train: {batch: 64}
};
