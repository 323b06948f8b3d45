import {FIRST_OOD_DATASETS} from "../corpus/specs.js";
import type {Study} from "./types.js";

/**
 * The paper's grid (Table S.4: ~20K to ~200M parameters; D up to the 2.3M CODE records),
 * for GPU clusters: spread it with `npm run sweep -- --study paper --shard i/n`. Batch 128
 * as the paper; the step budget is this project's choice (the paper gives a maximum
 * without the number in our copy). The synthetic corpus is scaled to 2.4M records.
 * Departure: the paper's (5, 420, 8, 1680) has 420 / 8 = 52.5 dimensions per head; here it has 4 heads.
 */
export const paper: Study = {
  name: "paper",
  description: "The paper's (units, width) and (layers, d, heads, ffn) grids and D up to 2.3M records (GPU clusters).",
  families: ["resnet-sl", "resnet-ssl", "transformer-sl", "transformer-ssl"],
  sizes: {
    resnet: [[3, 24], [3, 48], [4, 64], [4, 90], [4, 128], [5, 226], [5, 320], [6, 452], [6, 640], [7, 1024]].map(([units, width]) => ({units, width})),
    transformer: [[1, 24, 1, 96], [1, 48, 2, 192], [1, 96, 2, 384], [2, 128, 4, 512], [3, 192, 4, 768], [3, 256, 4, 1024], [4, 348, 4, 1392], [5, 420, 4, 1680], [6, 512, 8, 2048], [8, 768, 8, 3072]].map(
      ([layers, dModel, heads, dFfn]) => ({layers, dModel, heads, dFfn})
    )
  },
  records: [2300, 7300, 23000, 73000, 230000, 730000, 2300000],
  steps: 100000,
  evalEvery: 5000,
  ood: [...FIRST_OOD_DATASETS],
  seeds: [0],
  corpus: {name: "code-like", seed: 0, scale: 150},
  train: {batch: 128}
};
