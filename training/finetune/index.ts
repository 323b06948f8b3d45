// Full fine-tuning of a saved model on a downstream dataset, and the same architecture from scratch with the same
// budget (`npm run finetune`; finetune.ts says how).
export {
  checkFinetuneDataset,
  checkFinetuneInput,
  checkFraction,
  finetune,
  finetuneBudget,
  FinetuneError,
  finetuneSubset,
  FINETUNE_DEFAULTS,
  FINETUNE_FORMAT,
  FINETUNE_LEARNING_RATES,
  FINETUNE_VERSION,
  MIN_FINETUNE_RECORDS,
  readArtefactMetadata,
  scoreLogits,
  scoreSplit,
  subsetSize,
  type FinetuneConfig,
  type FinetunedModel,
  type FinetuneEvaluation,
  type FinetuneOptions,
  type FinetuneProgress,
  type FinetuneRecord,
  type LearningRateRun
} from "./finetune.js";
