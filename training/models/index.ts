/** Reference-shape model builders (tfjs-core functional models) and their analytic sizes. */
export {resnet, resnetParams, resnetForwardMacs, resnetFeatureDims, type ResNet, type ResNetConfig} from "./resnet.js";
export {transformer, transformerParams, transformerForwardMacs, type Transformer, type TransformerConfig, type TokenInputs} from "./transformer.js";
export {binaryCrossEntropyWithLogits} from "./ops/loss.js";
export {focalLossWithLogits, type FocalLossOptions} from "./ops/focal-loss.js";
export type {Model, ApplyOptions} from "./types.js";
