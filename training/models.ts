// Public entry of training/ for models and training: backend selection, the family registry (with each family's
// cost, memory and fixed constants), the models' size and MAC accounting, the train config and the trainer, run
// records, the learning-rate schedule, run comparison, the probes' constants and AUROC, model artefacts (a run's
// chosen checkpoint saved, reloaded and probed) and fine-tuning a saved model (or its architecture from scratch).
// Code outside training/ imports these from here (or from data.ts, studies.ts, command.ts), never from the modules
// behind them.
// Re-exports only.
export {backendInfo, initBackend, type BackendInfo, type BackendName, type BackendOptions} from "./backend/index.js";
export {
  architectureOf,
  architectures,
  familyNames,
  familySpec,
  isFamily,
  paradigmOf,
  registerFamily,
  sizeLabelOf,
  unregisterFamily,
  type Architecture,
  type FamilySpec,
  type ModelSize,
  type ResNetSize,
  type TransformerSize
} from "./families/index.js";
export {backboneSize, trainingCost} from "./families/cost.js";
export {checkTrainingMemory, trainingMemoryBytes, trainingMemoryLimit} from "./families/memory.js";
export {HELD_OUT_MASKS, HELD_OUT_PASSES, HELD_OUT_SEED} from "./families/held-out.js";
export {CMSC_TEMPERATURE, PROJECTION_DIMS, RESNET_DOWNSAMPLE, RESNET_KERNEL, resnetBackboneConfig} from "./families/resnet.js";
export {MASK_RATIO} from "./families/transformer.js";
export {
  binaryCrossEntropyWithLogits,
  resnet,
  resnetForwardMacs,
  resnetParams,
  transformer,
  transformerForwardMacs,
  transformerParams,
  type Model
} from "./models/index.js";
export {RESNET_DROPOUT} from "./models/resnet.js";
export {accumulateGradients, measureStepMemory, pickMicroBatchSize, type BatchTensors} from "./optim/index.js";
export {ConfigError, resolveTrainConfig, TRAIN_DEFAULTS, type Family, type TrainConfig, type TrainConfigInput} from "./train/config.js";
export {train, TrainingError, type TrainOptions} from "./train/train.js";
export type {RunRecord} from "./train/run-record.js";
export {learningRate} from "./train/schedule.js";
export {compareRuns, reproduces, reproductionCheck} from "./train/compare-runs.js";
export {PREVALENCE_FLOOR, PROBE_LAMBDAS, PROBE_MAX_ITERATIONS, PROBE_TOLERANCE} from "./eval/linear-probe.js";
export {auroc} from "./eval/auroc.js";
export {
  captureWeights,
  checkModelFolder,
  loadModelArtefact,
  ModelArtefactError,
  probeSavedModel,
  readModelArtefact,
  saveModelArtefact,
  type ArtefactMetadata,
  type CapturedWeights,
  type LoadedModel,
  type SavedModelProbe
} from "./artefacts/index.js";
export {
  finetune,
  FinetuneError,
  FINETUNE_DEFAULTS,
  FINETUNE_LEARNING_RATES,
  MIN_FINETUNE_RECORDS,
  type FinetuneOptions,
  type FinetuneProgress,
  type FinetuneRecord
} from "./finetune/index.js";
