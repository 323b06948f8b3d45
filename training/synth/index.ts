/**
 * The synthetic ECG corpus generator (see generate.ts for the pipeline and mcsharry.ts for the model).
 */
export {CODE_LABELS, DEFAULT_POPULATION, DEFAULT_PREVALENCE, defaultSynthConfig, type CodeLabel, type SynthConfig, type SynthPopulation, type SynthPrevalence} from "./config.js";
export {generateRecord, recordSeed, type GenerateOptions, type GeneratedRecord} from "./generate.js";
export {makePatient, patientSeed, type Patient} from "./patient.js";
export type {CdCode, HypCode, RhythmClass, SynthRecordTruth} from "./truth.js";
export {CORPUS_DEVICE, DEVICES, type DeviceProfile} from "./device.js";
export {MI_TERRITORIES, type MiTerritory} from "./conditions.js";
export {BEAT_KINDS, type BeatKind, type RhythmKind} from "./rhythm.js";
export {CacheReader, CacheWriter, type CachedRecord, type CacheHeader} from "./cache.js";
export {DOWER_8, INVERSE_DOWER, dowerMatrix12, leadsToDipole} from "./leads.js";
export {MCSHARRY_EVENTS, MCSHARRY_RR} from "./mcsharry.js";
export * as measure from "./measure.js";
