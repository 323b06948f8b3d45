// Per-record measurements (measure-record.ts) of synthetic and real records, for the Data page's side-by-side
// distributions. Synthetic: the first training records of the ID corpus (120) and of each OOD dataset (25
// each), rendered exactly as the corpora render them (training/corpus's plan and renderRecord, at a small
// scale: no corpus is built), by the generator's edition the configured study's corpus uses (its corpus block's
// `edition`, training/synth/edition.ts; edition 1 when it has none). Real: every 12-lead record under the ECG
// folder (real-records.ts).
import {
  corpusConfig,
  DATASET_SPECS,
  ID_CORPUS,
  OOD_DATASETS,
  planCorpus,
  renderRecord,
  renderedLeads,
  type CorpusName,
  makePatient,
  STANDARD_LEADS
} from "../../training/data.js";
import {measureEcg, type RecordMeasurement} from "./measure-record.js";
import {readRealRecords} from "./real-records.js";
import {publicFolder, withoutLocalPath} from "../../src/lib/public-path.js";

export interface DistributionRow extends RecordMeasurement {
  /** "synthetic ID", "synthetic OOD" or "real". */
  source: string;
  /** Corpus name (synthetic) or folder (real). */
  dataset: string;
  /** Native sampling rate before preprocessing. */
  fs: number;
}

export interface EcgDistributions {
  dataDir: string;
  /** The generator edition of the synthetic rows. */
  edition: 1 | 2;
  leads: string[];
  rows: DistributionRow[];
  skipped: {path: string; reason: string}[];
}

export interface DistributionOptions {
  idRecords?: number;
  oodRecords?: number;
  /** Generator edition of the synthetic records (default 1). */
  edition?: 1 | 2;
  /** The OOD datasets measured (default: every OOD task); label views of another dataset's records are measured once. */
  ood?: readonly string[];
  onProgress?: (done: number, total: number, item: string) => void;
}

function syntheticRows(name: CorpusName, count: number, edition: 1 | 2): DistributionRow[] {
  const config = corpusConfig(name, {scale: 0.1, edition});
  const rows: DistributionRow[] = [];
  for (const e of planCorpus(config).train.slice(0, count)) {
    const r = renderRecord(config, e.patient, e.record, makePatient(config.synth, e.patient));
    rows.push({source: config.role === "id" ? "synthetic ID" : "synthetic OOD", dataset: name, fs: config.device?.fs ?? 100, ...measureEcg(renderedLeads(r, config.storageScaleMv))});
  }
  return rows;
}

export async function buildDistributions(dataDir: string, options: DistributionOptions = {}): Promise<EcgDistributions> {
  const rows: DistributionRow[] = [];
  const edition = options.edition ?? 1;
  // Label views (ptbxl-sub) hold another dataset's records: measured once, under that dataset's name.
  const names = [ID_CORPUS, ...((options.ood ?? OOD_DATASETS) as CorpusName[]).filter((name) => !DATASET_SPECS[name].records)];
  names.forEach((name, i) => {
    options.onProgress?.(i, names.length, `synthetic ${name}`);
    rows.push(...syntheticRows(name, name === ID_CORPUS ? (options.idRecords ?? 120) : (options.oodRecords ?? 25), edition));
  });
  const real = await readRealRecords(dataDir, (d, t, item) => options.onProgress?.(d, t, `real ${item}`));
  for (const r of real.records) rows.push({source: "real", dataset: r.group, fs: r.fs, ...measureEcg(r.signals)});
  // Published as is: the folder by its name, readers' messages without the builder's absolute path.
  const skipped = real.skipped.map((s) => ({...s, reason: withoutLocalPath(s.reason, dataDir)}));
  return {dataDir: publicFolder(dataDir), edition, leads: [...STANDARD_LEADS], rows, skipped};
}
