/**
 * Model artefacts: a run's chosen checkpoint (the weights of its lowest-ID-validation-loss evaluation, which the
 * trainer restores before probing and hands to `onTrained`) kept in a folder with what is needed to use it.
 *
 *   model.json         TensorFlow.js's model JSON (tf.io ModelJSON): `modelTopology` (this project's own: family,
 *                      architecture, size, seed, the variables in order), `weightsManifest` (one group, path
 *                      weights.bin, each weight's name, shape and dtype), `format`, `generatedBy` and
 *                      `userDefinedMetadata.ecgScaling`: the run (key, training-code version, full config, run
 *                      record), the chosen checkpoint's measurements, the input (ID corpus name and hash, corpus
 *                      options, preprocessing, signal layout), the tokenizer (Transformers) and the codebook
 *                      (families that read it).
 *   weights.bin        the weights, float32 little-endian, in manifest order (tf.io.encodeWeights / decodeWeights).
 *   model.safetensors  the same tensors under the same names, for PyTorch and other tools (safetensors.ts).
 *
 * Weight names: the TF.js variable name with its per-instance counter replaced by its role: `backbone/...` for
 * the architecture's variables (e.g. backbone/unit0/conv1, backbone/unit0/bn1/running_mean,
 * backbone/block0/qkv/w), `head/...` for the family's pre-training head (head/head/w, head/projection/hidden/w,
 * head/codes/w). Layouts are TF.js's (README, "Model artefacts").
 */
import * as tf from "@tensorflow/tfjs-core";
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {hostname} from "node:os";
import {basename, dirname, join, resolve} from "node:path";
import {codebookConfig, codebookHash, CODEBOOK_VERSION} from "../codebook/config.js";
import {corpusConfig, corpusHash, CORPUS_VERSION, type CorpusOptions} from "../corpus/config.js";
import {loadCorpus as loadCorpusDefault, type Corpus, type CorpusName, type LoadCorpusOptions} from "../corpus/index.js";
import {LEADS, SAMPLES} from "../families/batches.js";
import {createFamily} from "../families/index.js";
import {familySpec, sizeLabelOf} from "../families/registry.js";
import type {FamilyModel} from "../families/types.js";
import {STANDARD_LEADS} from "../io/record.js";
import {runKey} from "../store/run-key.js";
import {HEARTLANG} from "../tokenize/heartlang.js";
import {resolveTrainConfig, type TrainConfig} from "../train/config.js";
import type {RunRecord} from "../train/run-record.js";
import {TRAINING_CODE_VERSION} from "../version.js";
import {encodeSafetensors, type NamedArray} from "./safetensors.js";

export const ARTEFACT_FORMAT = "ecg-scaling-model";
export const ARTEFACT_VERSION = 1;
export const MODEL_JSON = "model.json";
export const WEIGHTS_BIN = "weights.bin";
export const SAFETENSORS_FILE = "model.safetensors";

export class ModelArtefactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelArtefactError";
  }
}

/** A model's weights copied out of its variables (trainable first, then state), under their artefact names. */
export interface CapturedWeights {
  tensors: NamedArray[];
  /** Whether each tensor is trainable (false: batch-norm running statistics). */
  trainable: boolean[];
  featureDims: number;
  featureDescription: string;
}

/** What `userDefinedMetadata.ecgScaling` of model.json holds. */
export interface ArtefactMetadata {
  artefactVersion: number;
  run: {key: string; codeVersion: string; config: TrainConfig; record: RunRecord};
  /** The chosen checkpoint: its step and the measurements the run record reports for it. */
  checkpoint: RunRecord["best"];
  model: {family: string; architecture: string; paradigm: "sl" | "ssl"; size: TrainConfig["size"]; sizeLabel: string; params: number; featureDims: number; features: string};
  input: {
    idCorpus: {name: string; hash: string; version: string};
    /** Options every corpus of the run was built with (the probe command builds other datasets with them). */
    corpusOptions: CorpusOptions;
    preprocess: unknown;
    signal: {fs: number; samples: number; leads: readonly string[]; layout: string};
  };
  tokenizer?: {name: "HeartLang"} & typeof HEARTLANG;
  codebook?: {version: string; hash: string; k: number};
}

/** The artefact name of each variable: its TF.js name with the instance counter replaced by backbone/ or head/. */
export function artefactNames(variables: readonly tf.Variable[], architecture: string): string[] {
  const names = variables.map((v) => {
    const [first, ...rest] = v.name.split("/");
    const kind = /^(.*?)\d*$/.exec(first!)![1];
    if (rest.length === 0) throw new ModelArtefactError(`variable "${v.name}" has no scope to name it by`);
    return `${kind === architecture ? "backbone" : "head"}/${rest.join("/")}`;
  });
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) throw new ModelArtefactError(`two variables share the artefact name ${repeated[0]}`);
  return names;
}

/** Copies a family model's weights (call it while the chosen checkpoint's weights are in place, e.g. in train's onTrained). */
export async function captureWeights(family: FamilyModel, config: Pick<TrainConfig, "family">): Promise<CapturedWeights> {
  const variables = [...family.trainable, ...family.state];
  const names = artefactNames(variables, familySpec(config.family).architecture.name);
  const tensors = await Promise.all(
    variables.map(async (v, i) => {
      if (v.dtype !== "float32") throw new ModelArtefactError(`variable ${v.name} is ${v.dtype}; artefacts hold float32 only`);
      return {name: names[i]!, shape: [...v.shape], values: new Float32Array((await v.data()) as Float32Array)};
    })
  );
  return {tensors, trainable: variables.map((_, i) => i < family.trainable.length), featureDims: family.featureDims, featureDescription: family.featureDescription};
}

function corpusOptionsOf(config: TrainConfig): CorpusOptions {
  const {scale, seed, evalScale, edition} = config.corpus;
  return {scale, seed, ...(evalScale !== undefined ? {evalScale} : {}), ...(edition !== undefined ? {edition} : {})};
}

export function artefactMetadata(config: TrainConfig, record: RunRecord, weights: CapturedWeights, key = runKey(config, TRAINING_CODE_VERSION), codeVersion = TRAINING_CODE_VERSION): ArtefactMetadata {
  const spec = familySpec(config.family);
  const corpusOptions = corpusOptionsOf(config);
  const id = corpusConfig(config.corpus.name as CorpusName, corpusOptions);
  const metadata: ArtefactMetadata = {
    artefactVersion: ARTEFACT_VERSION,
    run: {key, codeVersion, config, record},
    checkpoint: record.best,
    model: {
      family: spec.name,
      architecture: spec.architecture.name,
      paradigm: spec.paradigm,
      size: config.size,
      sizeLabel: sizeLabelOf(spec.name, config.size),
      params: record.params,
      featureDims: weights.featureDims,
      features: weights.featureDescription
    },
    input: {
      idCorpus: {name: id.name, hash: corpusHash(id), version: CORPUS_VERSION},
      corpusOptions,
      preprocess: id.preprocess,
      signal: {
        fs: HEARTLANG.fs,
        samples: SAMPLES,
        leads: STANDARD_LEADS,
        layout: `[records, ${SAMPLES} samples, ${LEADS} leads] float32 in mV (ResNets; the Transformers read HeartLang tokens of the same signal)`
      }
    }
  };
  if (spec.architecture.name === "transformer") metadata.tokenizer = {name: "HeartLang", ...HEARTLANG};
  if (spec.usesCodebook) {
    const c = codebookConfig();
    metadata.codebook = {version: CODEBOOK_VERSION, hash: codebookHash(c), k: c.k};
  }
  return metadata;
}

/** Whether a folder may receive an artefact: absent, empty, or holding one already (replaced). */
export function checkArtefactTarget(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new ModelArtefactError(`${dir} is a file, not a folder for a model artefact`);
  const entries = readdirSync(dir);
  if (entries.length && !entries.includes(MODEL_JSON)) throw new ModelArtefactError(`${dir} is a folder with other files in it (no ${MODEL_JSON}); give a new or empty folder`);
}

/**
 * Writes the artefact folder: into a temporary sibling first, then renamed into place (an artefact already there
 * is removed just before), so a reader never sees half of one. Returns the files' sizes in bytes.
 */
export async function saveModelArtefact(
  dir: string,
  input: {config: TrainConfig; record: RunRecord; weights: CapturedWeights; key?: string; codeVersion?: string}
): Promise<Record<string, number>> {
  const config = resolveTrainConfig(input.config);
  checkArtefactTarget(dir);
  const metadata = artefactMetadata(config, input.record, input.weights, input.key, input.codeVersion);
  const named = input.weights.tensors.map((t) => ({name: t.name, tensor: tf.tensor(t.values, t.shape, "float32")}));
  let encoded: {data: ArrayBuffer; specs: tf.io.WeightsManifestEntry[]};
  try {
    encoded = await tf.io.encodeWeights(named);
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
  // TF.js's model JSON (what tf.io's file and HTTP handlers write for model artifacts), weights in one group.
  const modelJson: tf.io.ModelJSON = {
    modelTopology: {
      family: config.family,
      architecture: metadata.model.architecture,
      size: config.size,
      seed: config.seed,
      variables: input.weights.tensors.map((t, i) => ({name: t.name, trainable: input.weights.trainable[i]}))
    },
    weightsManifest: [{paths: [WEIGHTS_BIN], weights: encoded.specs}],
    format: ARTEFACT_FORMAT,
    generatedBy: `ecg-scaling training code ${metadata.run.codeVersion}`,
    convertedBy: null,
    userDefinedMetadata: {ecgScaling: metadata as unknown as {}}
  };
  const safetensors = encodeSafetensors(input.weights.tensors, {
    format: ARTEFACT_FORMAT,
    layout: "tfjs",
    family: config.family,
    size: metadata.model.sizeLabel,
    run_key: metadata.run.key,
    code_version: metadata.run.codeVersion,
    config: JSON.stringify(config),
    chosen_step: String(metadata.checkpoint.step ?? "")
  });

  const parent = dirname(resolve(dir));
  mkdirSync(parent, {recursive: true});
  const temporary = join(parent, `.${basename(dir)}.${hostname()}.${process.pid}.tmp`);
  rmSync(temporary, {recursive: true, force: true});
  mkdirSync(temporary);
  try {
    writeFileSync(join(temporary, MODEL_JSON), JSON.stringify(modelJson, null, 1) + "\n");
    writeFileSync(join(temporary, WEIGHTS_BIN), new Uint8Array(encoded.data));
    writeFileSync(join(temporary, SAFETENSORS_FILE), safetensors);
    if (existsSync(dir)) rmSync(dir, {recursive: true});
    renameSync(temporary, dir);
  } catch (error) {
    rmSync(temporary, {recursive: true, force: true});
    throw error;
  }
  return Object.fromEntries([MODEL_JSON, WEIGHTS_BIN, SAFETENSORS_FILE].map((f) => [f, statSync(join(dir, f)).size]));
}

/** Throws ModelArtefactError unless `dir` is a folder holding model.json. */
export function checkModelFolder(dir: string): void {
  if (!existsSync(dir)) throw new ModelArtefactError(`no model folder ${dir}`);
  if (!existsSync(join(dir, MODEL_JSON))) throw new ModelArtefactError(`${dir} is not a model artefact: it has no ${MODEL_JSON} (save one with npm run train -- ... --save-model DIR)`);
}

/** The artefact's metadata and weights by name; ModelArtefactError naming what is missing or wrong. */
export function readModelArtefact(dir: string): {metadata: ArtefactMetadata; weights: Map<string, tf.Tensor>} {
  const jsonPath = join(dir, MODEL_JSON);
  checkModelFolder(dir);
  const modelJson = JSON.parse(readFileSync(jsonPath, "utf8")) as tf.io.ModelJSON;
  if (modelJson.format !== ARTEFACT_FORMAT) throw new ModelArtefactError(`${jsonPath}: format "${modelJson.format}" is not ${ARTEFACT_FORMAT}`);
  const metadata = (modelJson.userDefinedMetadata as {ecgScaling?: ArtefactMetadata} | undefined)?.ecgScaling;
  if (!metadata || metadata.artefactVersion !== ARTEFACT_VERSION) throw new ModelArtefactError(`${jsonPath}: artefact version ${metadata?.artefactVersion} is not ${ARTEFACT_VERSION}`);
  const paths = modelJson.weightsManifest.flatMap((group) => group.paths);
  const buffers = paths.map((p) => {
    const file = join(dir, p);
    if (!existsSync(file)) throw new ModelArtefactError(`${dir}: the weights file ${p} named by ${MODEL_JSON} is missing`);
    const bytes = readFileSync(file);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  });
  const specs = tf.io.getWeightSpecs(modelJson.weightsManifest);
  const decoded = tf.io.decodeWeights(tf.io.concatenateArrayBuffers(buffers), specs);
  return {metadata, weights: new Map(Object.entries(decoded))};
}

export interface LoadedModel {
  metadata: ArtefactMetadata;
  config: TrainConfig;
  family: FamilyModel;
  /** The run's ID corpus (the family is built against it: label set, token counts). */
  id: Corpus;
}

/**
 * Rebuilds the run's family model (its config, its ID corpus) and puts the artefact's weights into it, by
 * name, every variable checked for presence and shape. The backend must have been chosen (initBackend).
 */
export function loadModelArtefact(dir: string, options: {cacheDir?: string; loadCorpus?: (name: CorpusName, options: LoadCorpusOptions) => Corpus} = {}): LoadedModel {
  const {metadata, weights} = readModelArtefact(dir);
  try {
    const config = resolveTrainConfig(metadata.run.config);
    const load = options.loadCorpus ?? loadCorpusDefault;
    const id = load(config.corpus.name as CorpusName, {...corpusOptionsOf(config), cacheDir: options.cacheDir});
    if (id.hash !== metadata.input.idCorpus.hash) {
      throw new ModelArtefactError(`${dir}: the ID corpus built here (${id.hash}) is not the one the model was trained on (${metadata.input.idCorpus.hash}); the corpus code changed`);
    }
    const family = createFamily(config, id);
    try {
      const variables = [...family.trainable, ...family.state];
      const names = artefactNames(variables, familySpec(config.family).architecture.name);
      const extra = [...weights.keys()].filter((n) => !names.includes(n));
      if (extra.length) throw new ModelArtefactError(`${dir}: weights ${extra.slice(0, 3).join(", ")} are not variables of ${config.family} ${metadata.model.sizeLabel}`);
      variables.forEach((v, i) => {
        const w = weights.get(names[i]!);
        if (!w) throw new ModelArtefactError(`${dir}: weight ${names[i]} of ${config.family} ${metadata.model.sizeLabel} is missing`);
        if (w.shape.join() !== v.shape.join()) throw new ModelArtefactError(`${dir}: weight ${names[i]} has shape [${w.shape}], the model's is [${v.shape}]`);
        v.assign(w);
      });
    } catch (error) {
      family.dispose();
      throw error;
    }
    return {metadata, config, family, id};
  } finally {
    tf.dispose([...weights.values()]);
  }
}
