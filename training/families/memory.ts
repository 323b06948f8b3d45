import {totalmem} from "node:os";
import {ConfigError} from "../util/errors.js";
import {backboneSize} from "./cost.js";
import {familySpec} from "./registry.js";
import type {FamilyRunInput} from "./types.js";

/** The wasm backend's heap cannot grow past 4 GiB (wasm32; tfjs-backend-wasm's getHeapMax). */
export const WASM_HEAP_BYTES = 4294901760;
/** Copies of the weights a run holds: weights, gradients, Adam's two moments, the best and the chosen snapshots. */
const WEIGHT_COPIES = 6;

/** Bytes a training run needs at its peak (float32): weight copies plus one batch's activations, forward and backward. */
export function trainingMemoryBytes(config: FamilyRunInput): number {
  const {params} = backboneSize(config);
  const activations = familySpec(config.family).activationsPerSample(config.size);
  return 4 * (WEIGHT_COPIES * params + 2 * config.batch * activations);
}

/** The memory a run may use: the wasm heap's limit for wasm backends, and three quarters of the machine's memory. */
export function trainingMemoryLimit(backend: string): number {
  const machine = 0.75 * totalmem();
  return backend.startsWith("wasm") ? Math.min(WASM_HEAP_BYTES, machine) : machine;
}

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(bytes < 1e10 ? 1 : 0)} GB`;

/** Refuses, before any work, a run that cannot fit: a model size far beyond the machine dies hours later otherwise. */
export function checkTrainingMemory(config: FamilyRunInput, backend: string, limit = trainingMemoryLimit(backend)): void {
  const need = trainingMemoryBytes(config);
  if (need > limit) {
    const {params} = backboneSize(config);
    throw new ConfigError(
      `this run needs about ${gb(need)} to train (${params.toExponential(2)} backbone parameters, batch ${config.batch}); ` +
        `the ${backend} backend on this machine can use ${gb(limit)}. Choose a smaller --size or --batch.`
    );
  }
}
