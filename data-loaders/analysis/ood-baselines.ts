// The simple-feature baseline of each OOD task of a study (training/eval/feature-baseline.ts): a handful of ECG
// measurements per record and the runs' own linear probe, on the very corpora the study's runs are probed on (the
// study's corpus block: seed, scale, evalScale, edition). No training. Each baseline is keyed by its corpus's
// cache name (<dataset>-<hash>, the hash of the corpus's full config) and the baseline version, and read, in
// order, from
//   1. data-loaders/analysis/ood-baselines.json (committed; written by scripts/ood-baselines.ts), so a fresh
//      clone builds the report without building a corpus;
//   2. <cache>/baselines/<dataset>-<hash>-<version>.json (written the first time it is computed);
//   3. computed: the corpus is loaded (built and cached first when absent, as a training run would) and every
//      record of its three splits measured; progress on stderr.
import {existsSync, mkdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {
  cacheRoot,
  corpusConfig,
  corpusHash,
  loadCorpus,
  type CorpusName,
  type CorpusOptions,
  BASELINE_VERSION,
  featureBaseline,
  type FeatureBaseline,
  writeFileAtomic
} from "../../training/data.js";
import type {Study} from "../../training/studies.js";

export const OOD_BASELINES_FILE = fileURLToPath(new URL("./ood-baselines.json", import.meta.url));

export type BaselineSource = "committed" | "cache" | "computed";

export interface StudyBaselines {
  study: string;
  /** The corpus generator's edition the study's corpora use (training/synth/edition.ts). */
  edition: 1 | 2;
  corpus: Study["corpus"];
  version: string;
  baselines: (FeatureBaseline & {source: BaselineSource})[];
}

/** The corpus options of a study's corpus block (what its runs load their corpora with). */
export function studyCorpusOptions(study: Pick<Study, "corpus">): CorpusOptions {
  const c = study.corpus;
  return {scale: c.scale, seed: c.seed, evalScale: c.evalScale, edition: c.edition};
}

/** The key of a dataset's baseline: its corpus's cache name and the baseline version. */
export function baselineKey(dataset: CorpusName, options: CorpusOptions): string {
  return `${dataset}-${corpusHash(corpusConfig(dataset, options))}-${BASELINE_VERSION}`;
}

export function readCommittedBaselines(): Record<string, FeatureBaseline> {
  return existsSync(OOD_BASELINES_FILE) ? (JSON.parse(readFileSync(OOD_BASELINES_FILE, "utf8")) as Record<string, FeatureBaseline>) : {};
}

export interface BaselineOptions {
  cacheDir?: string;
  /** Skip the committed file (recompute or read the cache). */
  ignoreCommitted?: boolean;
  onProgress?: (line: string) => void;
}

/** One dataset's baseline on a corpus built with `corpus` options. */
export function datasetBaseline(dataset: CorpusName, corpus: CorpusOptions, options: BaselineOptions = {}): FeatureBaseline & {source: BaselineSource} {
  const key = baselineKey(dataset, corpus);
  if (!options.ignoreCommitted) {
    const committed = readCommittedBaselines()[key];
    if (committed) return {...committed, source: "committed"};
  }
  const path = join(cacheRoot(options.cacheDir), "baselines", `${key}.json`);
  if (existsSync(path)) return {...(JSON.parse(readFileSync(path, "utf8")) as FeatureBaseline), source: "cache"};
  const log = options.onProgress ?? (() => {});
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
  log(`baseline ${dataset}: loading its corpus (built first if not cached)`);
  let lastBuild = 0;
  const loaded = loadCorpus(dataset, {
    ...corpus,
    cacheDir: options.cacheDir,
    onProgress: (done: number, total: number) => {
      if (Date.now() - lastBuild < 5000 && done < total) return;
      lastBuild = Date.now();
      log(`baseline ${dataset}: building the corpus ${done}/${total} (${seconds()} s)`);
    }
  });
  const result = featureBaseline(loaded, (done, total) => {
    if (done % 1000 === 0 || done === total) log(`baseline ${dataset}: measured ${done}/${total} records (${seconds()} s)`);
  });
  mkdirSync(join(cacheRoot(options.cacheDir), "baselines"), {recursive: true});
  writeFileAtomic(path, JSON.stringify(result));
  return {...result, source: "computed"};
}

/** The baselines of a study's OOD tasks on its corpora. */
export function studyBaselines(study: Pick<Study, "name" | "ood" | "corpus">, options: BaselineOptions = {}): StudyBaselines {
  const corpus = studyCorpusOptions(study);
  return {
    study: study.name,
    edition: study.corpus.edition ?? 1,
    corpus: {...study.corpus},
    version: BASELINE_VERSION,
    baselines: study.ood.map((dataset) => datasetBaseline(dataset as CorpusName, corpus, options))
  };
}
