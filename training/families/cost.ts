import type {ModelSize} from "./architecture.js";
import {familySpec} from "./registry.js";

/** The part of a run config cost estimates read. */
interface CostInput {
  family: string;
  size: ModelSize;
  batch: number;
  steps: number;
}

/**
 * Backbone size and forward MACs per pre-training record, from the config alone (no
 * tensors): what planning, ordering and ETAs need. Heads are left out (a few percent).
 */
export function backboneSize(config: Pick<CostInput, "family" | "size">): {params: number; macsPerSample: number} {
  return familySpec(config.family).backbone(config.size);
}

/** Relative training cost: MACs x batch x steps (the C of the run up to the factor 6). */
export function trainingCost(config: CostInput): number {
  return backboneSize(config).macsPerSample * config.batch * config.steps;
}
