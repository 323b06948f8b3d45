/**
 * Probing a saved model (`npm run probe`): the linear probe of the study (training/eval/linear-probe.ts, through
 * the trainer's probeAll: frozen features of every split, L2-regularised logistic regression, lambda chosen on
 * the validation split, scored on the test split) on any dataset the project knows, built with the corpus options
 * the model was trained with.
 */
import {CORPUS_NAMES} from "../corpus/specs.js";
import {loadCorpus as loadCorpusDefault, type Corpus, type CorpusName, type LoadCorpusOptions} from "../corpus/index.js";
import {probeAll} from "../train/evaluate.js";
import type {ProbeScore} from "../train/run-record.js";
import {loadModelArtefact, ModelArtefactError, type ArtefactMetadata} from "./model-artefact.js";

export interface SavedModelProbe {
  model: {dir: string; runKey: string; family: string; size: string; chosenStep?: number};
  dataset: {name: string; hash: string; kind: string; classes: string[]; records: {train: number; val: number; test: number}};
  probe: ProbeScore;
  /** The run record's probe of this dataset at the chosen checkpoint, when the run probed it. */
  atTraining?: ArtefactMetadata["checkpoint"]["ood"][string];
}

export function checkDatasetName(name: string): CorpusName {
  if (!(CORPUS_NAMES as readonly string[]).includes(name)) throw new ModelArtefactError(`unknown dataset "${name}"; known: ${CORPUS_NAMES.join(", ")}`);
  return name as CorpusName;
}

export async function probeSavedModel(dir: string, dataset: string, options: {cacheDir?: string; loadCorpus?: (name: CorpusName, options: LoadCorpusOptions) => Corpus} = {}): Promise<SavedModelProbe> {
  const name = checkDatasetName(dataset);
  const load = options.loadCorpus ?? loadCorpusDefault;
  const {metadata, family} = loadModelArtefact(dir, options);
  try {
    const corpus = load(name, {...metadata.input.corpusOptions, cacheDir: options.cacheDir});
    const [probe] = await probeAll(family, [corpus]);
    const s = corpus.splits;
    return {
      model: {dir, runKey: metadata.run.key, family: metadata.model.family, size: metadata.model.sizeLabel, chosenStep: metadata.checkpoint.step},
      dataset: {name, hash: corpus.hash, kind: corpus.task.kind, classes: [...corpus.task.classes], records: {train: s.train.count, val: s.val.count, test: s.test.count}},
      probe: probe!,
      ...(metadata.checkpoint.ood[name] ? {atTraining: metadata.checkpoint.ood[name]} : {})
    };
  } finally {
    family.dispose();
  }
}
