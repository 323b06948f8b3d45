/**
 * The study's corpora: the ID pre-training corpus ("code-like") and the OOD probing datasets, synthetic,
 * built once per config and cached on disk (see specs.ts for what each mirrors, plan.ts for the splits,
 * build.ts for the rendering, format.ts for the file).
 */
export {loadCorpus, corpusPath, type LoadCorpusOptions} from "./load.js";
export {recordSignal, recordLeads, recordPeaks, prevalence} from "./signal.js";
export {ID_CORPUS, LABEL_STUDY_CORPUS, FIRST_OOD_DATASETS, OOD_DATASETS, UNSEEN_TASKS, CORPUS_NAMES, DATASET_SPECS, datasetSpec, type DatasetSpec} from "./specs.js";
export {ICD_CLASSES, ICD_CODES, type IcdClass} from "./icd.js";
export {corpusConfig, corpusHash, CORPUS_VERSION, DEFAULT_CORPUS_SEED, STORAGE_SCALE_MV, type CorpusConfig, type CorpusOptions} from "./config.js";
export {CORPUS_DEVICES} from "./devices.js";
export {LABEL_RULES, type LabelRule} from "./labels.js";
export {classCounts, LABEL_FRACTIONS, LABEL_SCENARIOS, labelSubset, PAPER_LABEL_SUBSET_RULES, type LabelScenario, type LabelSubset, type LabelSubsetRules} from "./label-subsets.js";
export {buildCorpus} from "./build.js";
export {planCorpus} from "./plan.js";
export {encodeCorpus, decodeCorpus} from "./format.js";
export {cacheRoot} from "./cache.js";
export type {Corpus, CorpusName, CorpusSplit, CorpusTask, SplitName, TaskKind} from "./types.js";
export {FS, LEADS, SAMPLES, SPLIT_NAMES} from "./types.js";
export {renderRecord, renderedLeads, type RenderedRecord} from "./render.js";
