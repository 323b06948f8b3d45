// The real 12-lead records of an ECG folder, preprocessed like the study's inputs (100 Hz, 10 s centre crop,
// baseline and mains removed). Records that are not 12-lead ECGs (fewer than the 12 standard leads after
// deriving limb leads), shorter than 5 s, or that a reader or the preprocessing refuses are skipped and
// counted with the reason.
import {existsSync} from "node:fs";
import {join} from "node:path";
import {
  isEcgReadError,
  type EcgRecord,
  readWfdbRecord,
  readSphMetadata,
  readSphRecord,
  type SphMetadata,
  isPreprocessError,
  preprocess
} from "../../training/data.js";
import {findRecords} from "../ecg/find-records.js";

export interface RealRecord {
  path: string;
  group: string;
  fs: number;
  signals: Float32Array[];
}

export interface RealRecords {
  records: RealRecord[];
  skipped: {path: string; reason: string}[];
}

export async function readRealRecords(dataDir: string, onProgress?: (done: number, total: number, item: string) => void): Promise<RealRecords> {
  const out: RealRecords = {records: [], skipped: []};
  if (!existsSync(dataDir)) return out;
  const found = findRecords(dataDir);
  const sphMeta = new Map<string, Map<string, SphMetadata> | undefined>();
  for (const [i, item] of found.entries()) {
    onProgress?.(i, found.length, item.path);
    try {
      let record: EcgRecord;
      if (item.kind === "wfdb") record = readWfdbRecord(item.file).record;
      else {
        const dir = item.file.slice(0, item.file.lastIndexOf("/"));
        if (!sphMeta.has(dir)) sphMeta.set(dir, existsSync(join(dir, "metadata.csv")) ? readSphMetadata(join(dir, "metadata.csv")) : undefined);
        record = await readSphRecord(item.file, sphMeta.get(dir));
      }
      const seconds = (record.signals[0]?.length ?? 0) / record.fs;
      if (seconds < 5) {
        out.skipped.push({path: item.path, reason: `${seconds.toFixed(1)} s long`});
        continue;
      }
      const pre = preprocess(record, {standardise: "none", crop: "centre"});
      const missing = pre.leads.filter((_, k) => pre.leadStatus[k] === "missing");
      if (missing.length > 0) {
        out.skipped.push({path: item.path, reason: `not a 12-lead ECG (missing ${missing.join(", ")})`});
        continue;
      }
      out.records.push({path: item.path, group: item.group, fs: record.fs, signals: pre.signals});
    } catch (error) {
      if (!isEcgReadError(error) && !isPreprocessError(error)) throw error;
      out.skipped.push({path: item.path, reason: error instanceof Error ? error.message : String(error)});
    }
  }
  onProgress?.(found.length, found.length, "");
  return out;
}
