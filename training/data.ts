// Public entry of training/ for data: the ECG readers (WFDB, HDF5, label mappings) and the data folder,
// preprocessing, the synthetic generator, the corpora, the codebook and the tokenizer, the real-record and
// feature-baseline evaluations, atomic file writes and the seeded PRNG. Code outside training/ imports these
// from here (or from models.ts, studies.ts, command.ts), never from the modules behind them. Re-exports only,
// save readSphRecord below.
import type * as SphReader from "./io/hdf5/sph-reader.js";
export {ecgDataDir, hasEcgData} from "./io/data-dir.js";
export {EcgReadError, isEcgReadError, type EcgReadErrorCode} from "./io/errors.js";
export {STANDARD_LEADS, type EcgRecord, type StandardLead} from "./io/record.js";
export {readWfdbRecord} from "./io/wfdb/index.js";
export {isMatV5, readMatV5, type MatV5File, type MatValue} from "./io/matlab/mat-v5.js";
export {readSphMetadata, type SphMetadata} from "./io/hdf5/sph-metadata.js";
/**
 * io/hdf5/sph-reader.ts's readSphRecord, its module loaded on the first call: that module loads h5wasm, which
 * costs ~3 s of CPU at start-up under tsx, and every loader imports this entry (data-loaders/loader-errors.ts),
 * while only the ECG bundle reads HDF5 files. readSphRecord is async, so callers see no difference.
 */
export const readSphRecord: typeof SphReader.readSphRecord = async (...args) => (await import("./io/hdf5/sph-reader.js")).readSphRecord(...args);
export {decodeDx, readAhaSnomedMapping, readChallengeDxMapping, type AhaMapping, type DxMapping} from "./io/labels/index.js";
export {writeFileAtomic} from "./io/atomic-write.js";
export {
  activeNotches,
  DEFAULT_PREPROCESS_OPTIONS,
  designResampler,
  isPreprocessError,
  NOTCH_REDUNDANT_DB,
  preprocess,
  PreprocessError,
  resamplerGain,
  type PreprocessedRecord,
  type PreprocessOptions
} from "./preprocess/index.js";
export {
  CacheReader,
  CacheWriter,
  CODE_LABELS,
  defaultSynthConfig,
  generateRecord,
  makePatient,
  measure,
  type Patient,
  type SynthConfig,
  type SynthRecordTruth
} from "./synth/index.js";
export {EDITION_2} from "./synth/edition.js";
export {
  cacheRoot,
  CORPUS_VERSION,
  corpusConfig,
  corpusHash,
  corpusPath,
  DATASET_SPECS,
  decodeCorpus,
  ID_CORPUS,
  loadCorpus,
  FIRST_OOD_DATASETS,
  OOD_DATASETS,
  planCorpus,
  recordSignal,
  renderedLeads,
  renderRecord,
  SPLIT_NAMES,
  STORAGE_SCALE_MV,
  type Corpus,
  type CorpusName,
  type CorpusOptions,
  type DatasetSpec
} from "./corpus/index.js";
export {classCounts, ICD_CLASSES, LABEL_FRACTIONS, LABEL_SCENARIOS, LABEL_STUDY_CORPUS, labelSubset, type IcdClass, type LabelScenario, type LabelSubset} from "./corpus/index.js";
export {CODEBOOK_VERSION, codebookConfig, DEFAULT_CODEBOOK_K, loadCodebook, type Codebook} from "./codebook/index.js";
export {beatSpans, HEARTLANG, tokenizeWithPeaks} from "./tokenize/index.js";
export {loadChallengeRecords, type RealRecords} from "./eval/real-records.js";
export {BASELINE_VERSION, featureBaseline, qrsPeakToPeak, type FeatureBaseline} from "./eval/feature-baseline.js";
export {deriveSeed, Rng} from "./util/prng.js";
