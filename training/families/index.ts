import type {Corpus} from "../corpus/index.js";
import {familySpec} from "./registry.js";
import type {FamilyModel, FamilyRunInput} from "./types.js";

export type {FamilyModel, FamilyRunInput, FamilySpec} from "./types.js";
export type {Architecture, ModelSize} from "./architecture.js";
export {resnetBackboneConfig, type ResNetSize} from "./resnet.js";
export {transformerBackboneConfig, type TransformerSize} from "./transformer.js";
export {architectureOf, architectures, checkFamilySize, familyNames, familySpec, isFamily, paradigmOf, parseSizeOf, registerFamily, sizeGrammars, sizeLabelOf, unregisterFamily} from "./registry.js";

/** The family a run config names, built with the run's seed; `id` is the ID corpus (its label set, token counts). */
export function createFamily(config: FamilyRunInput, id: Corpus): FamilyModel {
  return familySpec(config.family).create(config, id);
}
