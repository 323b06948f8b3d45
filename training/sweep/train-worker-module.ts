// The trainer module the sweep's workers load: one backend per worker process (chosen
// here, by the entry point, single-threaded by default so N workers use N cores), then
// train() with the run's checkpoint so a killed run resumes. With ECG_SAVE_MODELS set (the
// sweep's --save-models), the run's chosen checkpoint is also saved as a model artefact in
// $ECG_SAVE_MODELS/<run key>/ before the run record is stored.
import {join} from "node:path";
import {captureWeights, saveModelArtefact, type CapturedWeights} from "../artefacts/model-artefact.js";
import {initBackend} from "../backend/index.js";
import {train} from "../train/train.js";
import type {TrainerModule} from "./types.js";

let ready: Promise<unknown> | undefined;

/** Environment variable naming the folder the sweep's workers save model artefacts into (unset: none are saved). */
export const SAVE_MODELS_ENV = "ECG_SAVE_MODELS";

const trainer: TrainerModule = async (config, context) => {
  ready ??= initBackend({threads: Number(process.env.ECG_THREADS ?? 1), warn: (m) => process.stderr.write(`${m}\n`)});
  await ready;
  const modelsDir = process.env[SAVE_MODELS_ENV];
  if (!modelsDir) return train(config, {checkpointPath: context.checkpointPath, onProgress: context.onProgress});
  let weights: CapturedWeights | undefined;
  const record = await train(config, {
    checkpointPath: context.checkpointPath,
    onProgress: context.onProgress,
    onTrained: async (family) => void (weights = await captureWeights(family, config))
  });
  await saveModelArtefact(join(modelsDir, context.key), {config, record, weights: weights!, key: context.key});
  return record;
};
export default trainer;
