/**
 * A corpus's full config: everything that decides its bytes, resolved to plain JSON (spec sizes scaled,
 * the synthesiser config with every prevalence and population value, the device, the preprocessing options,
 * the storage step). Its hash, together with CORPUS_VERSION, names the cache file and identifies the corpus
 * in run records. Bump CORPUS_VERSION whenever a code change (here, in training/synth, training/preprocess or
 * training/qrs) changes what a config produces.
 */
import {runKey} from "../store/run-key.js";
import {defaultSynthConfig, type SynthConfig} from "../synth/config.js";
import {deriveSeed} from "../util/prng.js";
import type {DeviceProfile} from "../synth/device.js";
import {DEFAULT_PREPROCESS_OPTIONS, type PreprocessOptions} from "../preprocess/index.js";
import {LABEL_RULES, type LabelRuleName} from "./labels.js";
import {CORPUS_DEVICES} from "./devices.js";
import {datasetSpec, type SizeSpec} from "./specs.js";
import type {CorpusName, TaskKind} from "./types.js";

export const CORPUS_VERSION = "corpus-1";

/** Default base seed: every corpus derives its own synthesiser seed from it and its name. */
export const DEFAULT_CORPUS_SEED = 1;

/** Storage step of the int16 signals: 1 uV covers +-32.7 mV, far beyond any preprocessed ECG. */
export const STORAGE_SCALE_MV = 0.001;

export type ResolvedSize =
  | {kind: "patients"; patients: number; recordsPerPatient: number[]; valPatients: number; testPatients: number}
  | {kind: "records"; train: number; val: number; test: number};

export interface CorpusConfig {
  name: CorpusName;
  role: "id" | "ood";
  baseSeed: number;
  scale: number;
  /** Set when the evaluation splits are sized apart from the training pool (CorpusOptions.evalScale). */
  evalScale?: number;
  synth: SynthConfig;
  /** null: the fast 100 Hz path. */
  device: DeviceProfile | null;
  preprocess: PreprocessOptions;
  task: {kind: TaskKind; classes: string[]; rule: LabelRuleName; keep: Record<string, number>};
  size: ResolvedSize;
  /** R peaks for the tokenizer: detectQrs on lead I of the stored (int16) signal. */
  rPeaks: "lead-I";
  storageScaleMv: number;
}

export interface CorpusOptions {
  /** Size of the pre-training pool (the ID training split) relative to the spec. */
  scale?: number;
  seed?: number;
  /**
   * Size of the evaluation splits (ID validation and test, every split of an OOD dataset) relative to the
   * spec's `evaluation` sizes, independent of `scale`: evaluation noise must stay small however small the
   * pre-training pool. Unset: the evaluation splits scale with `scale` (the layout before evaluation sizes
   * were decoupled; small tests use it).
   */
  evalScale?: number;
  /**
   * Generator edition (training/synth/edition.ts): 1 (default) the original generator, 2 the harder, more
   * realistic one. Edition 1 leaves no trace in the config, so its hashes are those of before editions existed.
   */
  edition?: 1 | 2;
}

function scaled(n: number, scale: number): number {
  return Math.max(1, Math.round(n * scale));
}

function resolveSize(size: SizeSpec, scale: number, evalScale: number | undefined): ResolvedSize {
  if (size.kind === "records") {
    const [base, s] = evalScale !== undefined ? [size.evaluation, evalScale] : [size, scale];
    return {kind: "records", train: scaled(base.train, s), val: scaled(base.val, s), test: scaled(base.test, s)};
  }
  if (evalScale !== undefined) {
    const trainPatients = Math.max(1, Math.round(size.patients * (1 - size.valFraction - size.testFraction) * scale));
    const valPatients = scaled(size.evaluation.valPatients, evalScale);
    const testPatients = scaled(size.evaluation.testPatients, evalScale);
    return {kind: "patients", patients: trainPatients + valPatients + testPatients, recordsPerPatient: size.recordsPerPatient, valPatients, testPatients};
  }
  const patients = Math.max(3, Math.round(size.patients * scale));
  return {
    kind: "patients",
    patients,
    recordsPerPatient: size.recordsPerPatient,
    valPatients: scaled(size.valFraction * patients, 1),
    testPatients: scaled(size.testFraction * patients, 1)
  };
}

export function corpusConfig(name: CorpusName, options: CorpusOptions = {}): CorpusConfig {
  const spec = datasetSpec(name);
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`corpus: scale must be a positive number, got ${scale}`);
  const evalScale = options.evalScale;
  if (evalScale !== undefined && (!(evalScale > 0) || !Number.isFinite(evalScale))) throw new Error(`corpus: evalScale must be a positive number, got ${evalScale}`);
  const baseSeed = options.seed ?? DEFAULT_CORPUS_SEED;
  if (options.edition !== undefined && options.edition !== 1 && options.edition !== 2) throw new Error(`corpus: edition must be 1 or 2, got ${options.edition}`);
  const rule = LABEL_RULES[spec.labels];
  if (spec.records) checkLabelView(spec);
  return {
    name: spec.name,
    role: spec.role,
    baseSeed,
    scale,
    ...(evalScale !== undefined ? {evalScale} : {}),
    synth: defaultSynthConfig({seed: deriveSeed(baseSeed, "corpus", spec.records ?? spec.name), noiseScale: spec.noiseScale, population: spec.population, prevalence: spec.prevalence, edition: options.edition ?? 1}),
    device: spec.device === null ? null : {...CORPUS_DEVICES[spec.device], noise: {...CORPUS_DEVICES[spec.device].noise}},
    preprocess: {...DEFAULT_PREPROCESS_OPTIONS},
    task: {kind: rule.kind, classes: [...rule.classes], rule: spec.labels, keep: {...spec.keep}},
    size: resolveSize(spec.size, scale, evalScale),
    rPeaks: "lead-I",
    storageScaleMv: STORAGE_SCALE_MV
  };
}

export function corpusHash(config: CorpusConfig): string {
  return runKey(config, CORPUS_VERSION);
}

/** A dataset that labels another's records must draw them exactly as that one does. */
function checkLabelView(spec: ReturnType<typeof datasetSpec>): void {
  const base = datasetSpec(spec.records!);
  const same = (key: "population" | "prevalence" | "device" | "size" | "noiseScale" | "role") => JSON.stringify(spec[key]) === JSON.stringify(base[key]);
  const differ = (["population", "prevalence", "device", "size", "noiseScale", "role"] as const).filter((k) => !same(k));
  if (differ.length) throw new Error(`corpus: ${spec.name} labels the records of ${base.name} but differs from it in ${differ.join(", ")}`);
}
