// Model artefacts (a run's chosen checkpoint as TF.js model JSON + weights, and a safetensors export) and the
// commands' work on them (probing a saved model).
export {
  ARTEFACT_FORMAT,
  ARTEFACT_VERSION,
  artefactMetadata,
  artefactNames,
  captureWeights,
  checkArtefactTarget,
  checkModelFolder,
  loadModelArtefact,
  MODEL_JSON,
  ModelArtefactError,
  readModelArtefact,
  SAFETENSORS_FILE,
  saveModelArtefact,
  WEIGHTS_BIN,
  type ArtefactMetadata,
  type CapturedWeights,
  type LoadedModel
} from "./model-artefact.js";
export {decodeSafetensors, encodeSafetensors, SafetensorsError, type NamedArray} from "./safetensors.js";
export {checkDatasetName, probeSavedModel, type SavedModelProbe} from "./probe.js";
