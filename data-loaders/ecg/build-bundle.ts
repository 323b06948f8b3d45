// Builds the Data page's bundle: every record of an ECG folder read with the project's
// readers, raw (first seconds at the native rate) and preprocessed with the study's
// pipeline, plus header facts, decoded labels and checksum status. Files the readers
// refuse are listed with the reader's message instead of failing the build.
import {existsSync} from "node:fs";
import {join} from "node:path";
import {publicFolder, withoutLocalPath} from "../../src/lib/public-path.js";
import {encodeEcgBundle, type EncodableEntry, type LabelInfo} from "../../src/lib/ecg-bundle.js";
import {
  isEcgReadError,
  type EcgRecord,
  readWfdbRecord,
  readSphRecord,
  readSphMetadata,
  type SphMetadata,
  readChallengeDxMapping,
  readAhaSnomedMapping,
  decodeDx,
  type DxMapping,
  type AhaMapping,
  preprocess,
  isPreprocessError
} from "../../training/data.js";
import {findRecords, type FoundRecord} from "./find-records.js";

export interface BundleOptions {
  /** Seconds of raw signal kept per record (the page shows 10 s sheets). */
  rawSeconds?: number;
  onProgress?: (done: number, total: number, path: string) => void;
}

const NO_RECORDS_HELP =
  "Set ECG_DATA_DIR to a folder of WFDB records (.hea header + .dat/.mat signal files) or HDF5 files " +
  "(CODE layout with `tracings` and exams.csv, or SPH), then run `npm run build` again.";

export async function buildEcgBundle(dataDir: string, options: BundleOptions = {}): Promise<Uint8Array> {
  const rawSeconds = options.rawSeconds ?? 10;
  if (!existsSync(dataDir)) {
    return encodeEcgBundle({dataDir: publicFolder(dataDir), rawSeconds, message: `The folder does not exist. ${NO_RECORDS_HELP}`}, []);
  }
  const found = findRecords(dataDir);
  if (found.length === 0) {
    return encodeEcgBundle({dataDir: publicFolder(dataDir), rawSeconds, message: `No WFDB or HDF5 records in it. ${NO_RECORDS_HELP}`}, []);
  }
  const labels = loadLabelMaps(join(dataDir, "labels"));
  const entries: EncodableEntry[] = [];
  for (const [i, item] of found.entries()) {
    options.onProgress?.(i, found.length, item.path);
    const entry = await readEntry(item, labels, rawSeconds);
    entries.push(entry.error === undefined ? entry : {...entry, error: withoutLocalPath(entry.error, dataDir)});
  }
  options.onProgress?.(found.length, found.length, "");
  return encodeEcgBundle({dataDir: publicFolder(dataDir), rawSeconds}, entries);
}

interface LabelMaps {
  dx?: DxMapping;
  aha?: AhaMapping;
}

function loadLabelMaps(labelsDir: string): LabelMaps {
  if (!existsSync(labelsDir)) return {};
  return {
    dx: readChallengeDxMapping(labelsDir),
    aha: existsSync(join(labelsDir, "tuijalei_AHA_SNOMED_mapping.csv")) ? readAhaSnomedMapping(join(labelsDir, "tuijalei_AHA_SNOMED_mapping.csv")) : undefined
  };
}

const sphMetadataCache = new Map<string, Map<string, SphMetadata>>();

async function readEntry(item: FoundRecord, labels: LabelMaps, rawSeconds: number): Promise<EncodableEntry> {
  const base = {id: item.path.split("/").pop()!, path: item.path, group: item.group, labels: [], facts: {}, checksums: []};
  try {
    if (item.kind === "wfdb") {
      const {record, header, checksums} = readWfdbRecord(item.file);
      const formats = [...new Set(header.signals.map((s) => s.format))].join(", ");
      const facts: Record<string, string | number> = {
        "format field": formats,
        "signal files": [...new Set(header.signals.map((s) => s.fileName))].join(", "),
        gain: summarise(header.signals.map((s) => `${s.gain}${s.calibrated ? "" : " (uncalibrated)"}/${s.units}`)),
        "ADC resolution": summarise(header.signals.map((s) => `${s.adcResolution} bit`)),
        "ADC zero / baseline": summarise(header.signals.map((s) => `${s.adcZero} / ${s.baseline}`))
      };
      if (header.baseDate || header.baseTime) facts["recorded"] = [header.baseDate, header.baseTime].filter(Boolean).join(" ");
      const signals = withSignals(record, rawSeconds);
      return {
        ...base,
        ...signals,
        format: `WFDB ${formats}`,
        facts: {...facts, ...signals.facts},
        labels: decodeLabels(record.labels, labels.dx),
        checksums: checksums.map((c) => ({lead: c.lead, ok: c.ok, expected: c.expected, actual: c.actual}))
      };
    }
    const dir = item.file.slice(0, item.file.lastIndexOf("/"));
    const metadata = sphMetadataFor(dir, labels.aha);
    const record = await readSphRecord(item.file, metadata);
    const signals = withSignals(record, rawSeconds);
    return {
      ...base,
      ...signals,
      format: "HDF5 (SPH layout, float16)",
      facts: {"AHA statements": record.ahaCodes.join(", ") || "-", metadata: record.hasMetadata ? "metadata.csv row found" : "no metadata.csv row", ...signals.facts},
      labels: decodeLabels(record.labels, labels.dx)
    };
  } catch (error) {
    if (!isEcgReadError(error)) throw error;
    return {...base, format: item.kind, error: error.message};
  }
}

function sphMetadataFor(dir: string, aha: AhaMapping | undefined): Map<string, SphMetadata> | undefined {
  const file = join(dir, "metadata.csv");
  if (!existsSync(file)) return undefined;
  if (!sphMetadataCache.has(dir)) sphMetadataCache.set(dir, readSphMetadata(file, aha));
  return sphMetadataCache.get(dir);
}

/** "a, a, b" -> "a (2), b": per-lead header fields are usually identical. */
function summarise(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts.size === 1 ? values[0] : [...counts].map(([v, n]) => `${v} (${n})`).join(", ");
}

function decodeLabels(codes: string[], dx: DxMapping | undefined): LabelInfo[] {
  if (!dx) return codes.map((code) => ({code}));
  return decodeDx(codes, dx).map(({code, abbrev, name}) => ({code, abbrev, name}));
}

function withSignals(record: EcgRecord, rawSeconds: number): Partial<EncodableEntry> & {facts: Record<string, string>} {
  const samples = record.signals[0]?.length ?? 0;
  const keep = Math.min(samples, Math.round(rawSeconds * record.fs));
  let preprocessed: EncodableEntry["preprocessed"];
  const facts: Record<string, string> = {};
  try {
    // Start crop, so the preprocessed sheet lines up with the raw first seconds it is drawn over.
    const pre = preprocess(record, {standardise: "none", crop: "start"});
    preprocessed = {fs: pre.fs, leads: pre.leads, signals: pre.signals};
  } catch (error) {
    if (!isPreprocessError(error)) throw error;
    facts.preprocessing = `not possible: ${error.problem}`;
  }
  return {
    facts,
    fs: record.fs,
    samples,
    seconds: samples / record.fs,
    leads: record.leads,
    age: record.age,
    sex: record.sex,
    patientId: record.patientId,
    raw: {fs: record.fs, leads: record.leads, signals: record.signals.map((s) => s.subarray(0, keep))},
    preprocessed
  };
}
