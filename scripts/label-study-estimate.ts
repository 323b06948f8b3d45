// Worker-hours of the label-scaling study's candidate designs (issue 16; results/studies/labels-design.md), before
// a study file exists: the runs a design would train are planned as ordinary study runs on the mimic-icd corpus (an
// SL run's cost does not depend on which labels it trains: its head is a few thousand parameters) and priced by the
// sweep's own estimator (training/sweep/estimate.ts), fitted on the run records in the store (read only).
//   node --import tsx scripts/label-study-estimate.ts
import {backboneSize, type RunRecord, type TrainConfig} from "../training/models.js";
import {defaultStoreDir, estimateSeconds, planStudy, RunStore, secondsPerCost, TRAINING_CODE_VERSION, type Study} from "../training/studies.js";

const SCENARIO_RUNS = 2 * 3; // (dominant, tail) x label fractions (30, 50, 100 %)
const rates = secondsPerCost(new RunStore(defaultStoreDir()).list<TrainConfig, RunRecord>());

interface Design {
  name: string;
  resnet: Study["sizes"]["resnet"];
  transformer: Study["sizes"]["transformer"];
  seeds: number[];
  steps: number;
}

const designs: Design[] = [
  {name: "A: 2 sizes per family, 1 seed, 800 steps", resnet: [{units: 2, width: 8}, {units: 3, width: 12}], transformer: [{layers: 1, dModel: 16, heads: 2, dFfn: 64}, {layers: 1, dModel: 32, heads: 2, dFfn: 128}], seeds: [0], steps: 800},
  {name: "B: 1 size per family, 2 seeds, 800 steps", resnet: [{units: 3, width: 12}], transformer: [{layers: 1, dModel: 32, heads: 2, dFfn: 128}], seeds: [0, 1], steps: 800},
  {name: "C: 2 sizes per family incl. the largest of 'second', 1 seed, 1,000 steps", resnet: [{units: 3, width: 12}, {units: 3, width: 16}], transformer: [{layers: 1, dModel: 32, heads: 2, dFfn: 128}, {layers: 2, dModel: 48, heads: 4, dFfn: 192}], seeds: [0], steps: 1000}
];

for (const d of designs) {
  const study = (families: Study["families"]): Study => ({
    name: "labels-estimate",
    description: "",
    families,
    sizes: {resnet: d.resnet, transformer: d.transformer},
    records: [14500],
    steps: d.steps,
    evalEvery: {evaluations: 5},
    ood: ["ptbxl-super", "cpsc"],
    seeds: d.seeds,
    corpus: {name: "mimic-icd", seed: 0, scale: 1, evalScale: 1},
    train: {batch: 64}
  });
  const sl = planStudy(study(["resnet-sl", "transformer-sl"]), TRAINING_CODE_VERSION);
  const ssl = planStudy(study(["resnet-ssl", "transformer-ssl"]), TRAINING_CODE_VERSION);
  const hours = (runs: typeof sl, copies = 1) => (copies * runs.reduce((s, r) => s + estimateSeconds(r, rates), 0)) / 3600;
  const slHours = hours(sl, SCENARIO_RUNS);
  const sslHours = hours(ssl);
  console.log(`${d.name}: ${sl.length * SCENARIO_RUNS} SL runs (${slHours.toFixed(1)} h) + ${ssl.length} SSL references (${sslHours.toFixed(1)} h) = ${(slHours + sslHours).toFixed(1)} worker-hours`);
  for (const r of [...sl, ...ssl]) {
    const {params} = backboneSize(r.config);
    console.log(`  ${r.config.family.padEnd(16)} N=${String(params).padStart(7)}  D=${r.config.records}  steps=${r.config.steps}  ~${(estimateSeconds(r, rates) / 60).toFixed(1)} min per run`);
  }
}
