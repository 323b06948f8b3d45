import type {Study} from "./types.js";

/**
 * The label-scaling study (issue 16; paper section 5, Fig. 6 and S.6), design A of results/studies/labels-design.md:
 * ResNet-SL and Transformer-SL pre-trained with focal loss (gamma 2, no alpha: the paper names neither) on the
 * mimic-icd corpus (333 ICD-10 'I' classes with MIMIC-IV-ECG's head and a long tail; training/corpus/icd.ts), each
 * on a label subset of both scenarios (dominant: the 10 % most frequent classes fixed for evaluation; tail: classes
 * under 10 training samples excluded, the 2 % least frequent of the rest fixed) at 30, 50 and 100 % of the classes
 * (training/corpus/label-subsets.ts, nested, seeded by the run's seed); ID loss and AUROC on the scenario's fixed
 * classes. ResNet-SSL and Transformer-SSL on the same records are the references (their objectives read no labels:
 * one run per size). Two sizes per architecture, D = 14,000 records (about the whole training pool of 14,600 at scale
 * 1), 800 steps of 64 (about 3.7 epochs), 5 evaluations with validation early stopping, one seed; probes of the
 * PTB-XL-like superclasses and CPSC-like rhythms.
 *
 * 24 supervised + 4 self-supervised runs; estimated 2.2 worker-hours by the sweep's estimator, about 3.2 after its
 * known shortfall (results/studies/labels-design.md). Train with: npm run sweep -- --study labels
 */
export const labels: Study = {
  name: "labels",
  description: "Label scaling: ResNet-SL and Transformer-SL with focal loss on 30/50/100 % of 333 ICD-like classes, dominant and tail scenarios, 2 sizes each, D = 14,000, 800 steps; SSL references.",
  families: ["resnet-sl", "transformer-sl", "resnet-ssl", "transformer-ssl"],
  sizes: {
    resnet: [{units: 2, width: 8}, {units: 3, width: 12}],
    transformer: [
      {layers: 1, dModel: 16, heads: 2, dFfn: 64},
      {layers: 1, dModel: 32, heads: 2, dFfn: 128}
    ]
  },
  records: [14000],
  steps: 800,
  evalEvery: {evaluations: 5},
  ood: ["ptbxl-super", "cpsc"],
  seeds: [0],
  corpus: {name: "mimic-icd", seed: 0, scale: 1, evalScale: 1},
  labelSubsets: {scenarios: ["dominant", "tail"], fractions: [0.3, 0.5, 1], loss: {kind: "focal", gamma: 2}},
  train: {batch: 64}
};
