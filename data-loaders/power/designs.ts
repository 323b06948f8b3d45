// Candidate designs of the second-edition study, compared by `npm run power` (results/studies/second-design.md).
// Each is a Study (planStudy plans it as the sweep would); the recommended one is training/studies/second.ts.
import type {ResNetSize, TransformerSize} from "../../training/models.js";
import {second, STUDIES, type Study, type StepRule} from "../../training/studies.js";
import {FIRST_OOD_DATASETS} from "../../training/data.js";

const FAMILIES = second.families;
const OOD = [...FIRST_OOD_DATASETS];

const R = (units: number, width: number): ResNetSize => ({units, width});
const T = (layers: number, dModel: number, heads: number, dFfn: number): TransformerSize => ({layers, dModel, heads, dFfn});

/** ResNet ladders (parameters from training/families/cost.ts). */
export const RESNET = {
  // 4.7K, 24K, 119K, 209K, 469K
  wide5: [R(1, 6), R(2, 8), R(3, 12), R(3, 16), R(3, 24)],
  // 2.4K, 7.9K, 24K, 119K, 209K
  mid5: [R(1, 4), R(1, 8), R(2, 8), R(3, 12), R(3, 16)],
  // 7.9K, 24K, 53K, 119K, 209K
  narrow5: [R(1, 8), R(2, 8), R(3, 8), R(3, 12), R(3, 16)],
  // 4.7K, 24K, 119K, 209K
  wide4: [R(1, 6), R(2, 8), R(3, 12), R(3, 16)]
};
/** Transformer ladders. */
export const TRANSFORMER = {
  // 4.0K, 9.5K, 25K, 75K, 125K
  wide5: [T(1, 8, 1, 32), T(1, 16, 2, 64), T(1, 32, 2, 128), T(2, 48, 4, 192), T(2, 64, 4, 256)],
  // 4.0K, 9.5K, 25K, 38K, 75K
  mid5: [T(1, 8, 1, 32), T(1, 16, 2, 64), T(1, 32, 2, 128), T(2, 32, 2, 128), T(2, 48, 4, 192)],
  // 4.0K, 9.5K, 17K, 25K, 38K
  narrow5: [T(1, 8, 1, 32), T(1, 16, 2, 64), T(1, 24, 2, 96), T(1, 32, 2, 128), T(2, 32, 2, 128)],
  // 4.0K, 9.5K, 25K, 75K
  wide4: [T(1, 8, 1, 32), T(1, 16, 2, 64), T(1, 32, 2, 128), T(2, 48, 4, 192)]
};

export const D6 = [250, 1000, 2000, 4000, 8000, 16000];
export const D5 = [250, 1000, 4000, 8000, 16000];

/** The step rule every candidate shares (the largest D gets 4 epochs, 1,000 steps of 64; the others 500 steps). */
export const STEPS: StepRule = {epochs: 4, min: 500};

function design(name: string, description: string, over: Partial<Study>): Study {
  return {...second, name, description, families: FAMILIES, ood: OOD, steps: STEPS, evalEvery: {evaluations: 6}, seeds: [0], replicates: undefined, ...over};
}

/** The candidates the design note compares (the recommended one is `second`). */
export const CANDIDATES: Record<string, Study> = {
  second,
  "5x6-1seed": design("5x6-1seed", "5 N x 6 D per family (ResNet 4.7K-469K, Transformer 4K-125K; D 250-16,000), one seed.", {
    sizes: {resnet: RESNET.wide5, transformer: TRANSFORMER.wide5},
    records: D6
  }),
  "5x6-mid-rep2": design("5x6-mid-rep2", "5 N x 6 D per family (ResNet 2.4K-209K, Transformer 4K-75K), one seed, a second seed at D = 1,000 and 4,000 in every family.", {
    sizes: {resnet: RESNET.mid5, transformer: TRANSFORMER.mid5},
    records: D6,
    replicates: {records: [1000, 4000], seeds: [1]}
  }),
  "4x5-2seeds": design("4x5-2seeds", "4 N x 5 D per family (ResNet 4.7K-209K, Transformer 4K-75K; D 250-16,000), two seeds everywhere.", {
    sizes: {resnet: RESNET.wide4, transformer: TRANSFORMER.wide4},
    records: D5,
    seeds: [0, 1]
  }),
  "5x6-narrow-rep2": design("5x6-narrow-rep2", "Narrower N (ResNet 7.9K-209K, Transformer 4K-38K), 6 D, a second seed at D = 1,000 and 4,000.", {
    sizes: {resnet: RESNET.narrow5, transformer: TRANSFORMER.narrow5},
    records: D6,
    replicates: {records: [1000, 4000], seeds: [1]}
  }),
  "5x6-mid-sl-seeds": design("5x6-mid-sl-seeds", "5 N x 6 D per family (ResNet 2.4K-209K, Transformer 4K-75K), one seed; the SL families get a second seed at every D.", {
    sizes: {resnet: RESNET.mid5, transformer: TRANSFORMER.mid5},
    records: D6,
    replicates: {records: D6, seeds: [1], families: ["resnet-sl", "transformer-sl"]}
  }),
  quick: STUDIES.quick!
};

export function candidate(name: string): Study {
  const s = CANDIDATES[name] ?? STUDIES[name];
  if (!s) throw new Error(`unknown design "${name}"; known: ${[...new Set([...Object.keys(CANDIDATES), ...Object.keys(STUDIES)])].join(", ")}`);
  return s;
}
