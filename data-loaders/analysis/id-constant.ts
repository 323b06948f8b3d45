// The constant predictor's ID test loss for the SL families, whose ID objective is the BCE over the
// ID corpus's labels (mean over labels): the constant predictor outputs the label prevalences of the
// run's training records (the first D of the training split) and is scored on the test split
// (constantBce). It needs the corpus's labels: read from the cached corpus of the runs' config when
// it is there, else from id-constant-losses.json (committed, keyed by the corpus cache file, which
// names its exact config; written by scripts/id-constant-losses.ts). The SSL objectives (CMSC,
// masked tokens) have no such reference here: their runs are never dropped as at chance.
import {existsSync, readFileSync} from "node:fs";
import {basename} from "node:path";
import {fileURLToPath} from "node:url";
import {corpusPath, decodeCorpus, type CorpusName} from "../../training/data.js";
import {type TrainConfig, paradigmOf} from "../../training/models.js";
import {constantBce, type IdConstant} from "../../src/lib/study/law-forms.js";

export const ID_CONSTANT_FILE = fileURLToPath(new URL("./id-constant-losses.json", import.meta.url));

/** Per corpus cache file: the label classes, test prevalences and the constant's loss by D. */
export interface IdConstantEntry {
  classes: string[];
  testRecords: number;
  testPrevalence: number[];
  /** D (first D training records) -> constant predictor's test BCE. */
  constantLoss: Record<string, number>;
}

const isSupervised = (family: string) => paradigmOf(family) === "sl";

/** The cache file of a run's ID corpus (its name is the corpus's config hash). */
export function idCorpusFile(config: Pick<TrainConfig, "corpus">): string {
  const c = config.corpus;
  return corpusPath(c.name as CorpusName, {scale: c.scale, seed: c.seed, evalScale: c.evalScale, edition: c.edition});
}

/** The entry for a corpus file and data sizes, computed from the corpus (labels only). */
export function idConstantEntry(file: string, records: readonly number[]): IdConstantEntry {
  const corpus = decodeCorpus(readFileSync(file));
  const K = corpus.task.classes.length;
  const prevalence = (labels: Uint8Array, n: number) =>
    Array.from({length: K}, (_, k) => {
      let a = 0;
      for (let i = 0; i < n; i++) a += labels[i * K + k]!;
      return a / n;
    });
  const test = prevalence(corpus.splits.test.labels, corpus.splits.test.count);
  const constantLoss: Record<string, number> = {};
  for (const D of [...new Set(records)].sort((a, b) => a - b)) {
    if (D <= corpus.splits.train.count) constantLoss[String(D)] = constantBce(prevalence(corpus.splits.train.labels, D), test);
  }
  return {classes: [...corpus.task.classes], testRecords: corpus.splits.test.count, testPrevalence: test, constantLoss};
}

export function readIdConstantFile(): Record<string, IdConstantEntry> {
  return existsSync(ID_CONSTANT_FILE) ? (JSON.parse(readFileSync(ID_CONSTANT_FILE, "utf8")) as Record<string, IdConstantEntry>) : {};
}

/**
 * The ID constant of each SL run (by family and D) from its corpus: the committed entry, else the
 * cached corpus; null where neither is available (the source says which).
 */
export function idConstantFor(configs: readonly TrainConfig[]): {idConstant: IdConstant; source: string} {
  const committed = readIdConstantFile();
  const table = new Map<string, number>();
  const sources = new Set<string>();
  const missing = new Set<string>();
  const byFile = new Map<string, {family: string; records: number}[]>();
  for (const c of configs) {
    if (!isSupervised(c.family)) continue;
    const file = idCorpusFile(c);
    byFile.set(file, [...(byFile.get(file) ?? []), {family: c.family, records: c.records}]);
  }
  for (const [file, runs] of byFile) {
    const name = basename(file, ".bin");
    let entry: IdConstantEntry | undefined = committed[name];
    const needs = runs.map((r) => String(r.records));
    if (!entry || needs.some((D) => !(D in entry!.constantLoss))) {
      if (existsSync(file)) {
        entry = idConstantEntry(file, runs.map((r) => r.records));
        sources.add(`${name} (cached corpus)`);
      } else {
        missing.add(name);
        continue;
      }
    } else sources.add(`${name} (${basename(ID_CONSTANT_FILE)})`);
    for (const r of runs) {
      const value = entry.constantLoss[String(r.records)];
      if (typeof value === "number") table.set(`${r.family}|${r.records}`, value);
    }
  }
  const source = [sources.size ? `from ${[...sources].join(", ")}` : "", missing.size ? `unknown for ${[...missing].join(", ")} (corpus neither cached nor in ${basename(ID_CONSTANT_FILE)})` : ""].filter(Boolean).join("; ") || "no SL runs";
  return {idConstant: (family, records) => table.get(`${family}|${records}`) ?? null, source};
}
