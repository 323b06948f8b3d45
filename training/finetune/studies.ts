// Fine-tuning studies (issue 15, item 3): which pre-trained runs of a published study are fine-tuned on which OOD
// tasks at which downstream fractions, each beside the same architecture trained from scratch with the same budget.
// Small typed declarations like the pre-training studies; `npm run finetune-study` runs one (training/cli).
import {existsSync} from "node:fs";
import {join} from "node:path";
import {planStudy, studyByName} from "../studies/index.js";
import type {RunStore} from "../store/run-store.js";
import {finetune, type FinetuneRecord} from "./finetune.js";
import type {ModelSize} from "../families/architecture.js";
import type {TrainConfig} from "../train/config.js";

export interface FinetuneStudy {
  name: string;
  description: string;
  /** The pre-training study whose runs are fine-tuned (their weights: `npm run reproduce -- --run KEY --save-model`). */
  source: string;
  /** The pre-trained runs, by family, size, D and seed in `source`. */
  pretrained: {family: string; size: ModelSize; records: number; seed: number}[];
  tasks: string[];
  /** Shares of each task's training split (D_F), nested for one seed. */
  fractions: number[];
  seeds: number[];
}

/**
 * The transfer study (paper B.8 and section 6): Transformer-SL at three sizes and the largest ResNet-SL of `second`,
 * all at its largest D, fine-tuned on two seen-domain and two unseen-domain tasks at 3 %, 10 %, 30 % and 100 % of
 * each task's 1,000 training records (30 to 1,000: 1.5 decades), each also trained from scratch. Not trained yet: its
 * cost is not measured, and its pre-trained runs are still being trained.
 */
export const transfer: FinetuneStudy = {
  name: "transfer",
  description: "Transformer-SL (3 sizes) and ResNet-SL 3x16 of the second study at D = 16,000, fine-tuned and from scratch on ptbxl-super, cpsc, structural and risk at 3-100 % of 1,000 records",
  source: "second",
  pretrained: [
    {family: "transformer-sl", size: {layers: 1, dModel: 16, heads: 2, dFfn: 64}, records: 16000, seed: 0},
    {family: "transformer-sl", size: {layers: 1, dModel: 32, heads: 2, dFfn: 128}, records: 16000, seed: 0},
    {family: "transformer-sl", size: {layers: 2, dModel: 48, heads: 4, dFfn: 192}, records: 16000, seed: 0},
    {family: "resnet-sl", size: {units: 3, width: 16}, records: 16000, seed: 0}
  ],
  tasks: ["ptbxl-super", "cpsc", "structural", "risk"],
  fractions: [0.03, 0.1, 0.3, 1],
  seeds: [0]
};

export const FINETUNE_STUDIES: Record<string, FinetuneStudy> = {transfer};

export interface PlannedFinetune {
  /** The pre-trained run's key in the source study (its artefact folder is named by it). */
  model: string;
  family: string;
  size: ModelSize;
  task: string;
  fraction: number;
  seed: number;
  scratch: boolean;
}

/** Every fine-tuning of a study: pre-trained runs x tasks x fractions x seeds, fine-tuned and from scratch. */
export function planFinetuneStudy(study: FinetuneStudy, codeVersion: string): PlannedFinetune[] {
  const source = planStudy(studyByName(study.source), codeVersion);
  const same = (c: TrainConfig, p: FinetuneStudy["pretrained"][number]) => c.family === p.family && JSON.stringify(c.size) === JSON.stringify(p.size) && c.records === p.records && c.seed === p.seed;
  const out: PlannedFinetune[] = [];
  for (const p of study.pretrained) {
    const run = source.find((r) => same(r.config, p));
    if (!run) throw new Error(`fine-tuning study ${study.name}: study ${study.source} has no ${p.family} ${JSON.stringify(p.size)} run at D = ${p.records}, seed ${p.seed}`);
    for (const task of study.tasks)
      for (const fraction of study.fractions)
        for (const seed of study.seeds)
          for (const scratch of [false, true]) out.push({model: run.key, family: p.family, size: p.size, task, fraction, seed, scratch});
  }
  return out;
}

/** The pre-trained runs of a plan whose artefacts are missing from `modelsDir` (folders named by run key). */
export function missingModels(plan: PlannedFinetune[], modelsDir: string): string[] {
  return [...new Set(plan.map((p) => p.model))].filter((key) => !existsSync(join(modelsDir, key, "model.json")));
}

/**
 * Runs a plan's fine-tunings in order into `store` (stored ones are read back, not retrained), calling `onResult`
 * after each. The artefacts must all be in `modelsDir`.
 */
export async function runFinetunePlan(
  plan: PlannedFinetune[],
  options: {modelsDir: string; store: RunStore; budget?: {steps?: number; evalEvery?: number; batch?: number; learningRates?: readonly number[]}; onResult?: (planned: PlannedFinetune, record: FinetuneRecord, index: number) => void}
): Promise<FinetuneRecord[]> {
  const missing = missingModels(plan, options.modelsDir);
  if (missing.length) throw new Error(`pre-trained model(s) missing from ${options.modelsDir}: ${missing.join(", ")}`);
  const records: FinetuneRecord[] = [];
  for (const [i, p] of plan.entries()) {
    const record = await finetune(join(options.modelsDir, p.model), p.task, {fraction: p.fraction, seed: p.seed, scratch: p.scratch, store: options.store, ...options.budget});
    records.push(record);
    options.onResult?.(p, record, i);
  }
  return records;
}
