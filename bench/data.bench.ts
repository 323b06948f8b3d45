// Synthetic corpus throughput on one core (this process): (1) generated records per second, generation at
// 100 Hz plus the study preprocessing (12 x 1000 samples out); (2) cached-read records per second, decoding a
// compact int16 cache file (training/synth/cache.ts) back to Float32 mV; (3) the study's corpus cache
// (training/corpus): building the ID corpus and an OOD dataset (generation, preprocessing, lead-I R peaks,
// encoding, atomic write), then loading it back (file read + views) and decoding every record to Float32 mV.
// One short run: other work may share the machine, so the figures are indicative.
// Usage: npm run bench:data [-- seconds-per-phase [corpus-scale]]  (defaults 3 and 0.1)
import {mkdtempSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {
  defaultSynthConfig,
  generateRecord,
  makePatient,
  CacheReader,
  CacheWriter,
  preprocess,
  loadCorpus,
  recordSignal,
  SPLIT_NAMES,
  type CorpusName
} from "../training/data.js";

const seconds = Math.max(0.5, Number(process.argv[2] ?? process.env.BENCH_SECONDS ?? 3) || 3);
const corpusScale = Math.max(0.005, Number(process.argv[3] ?? process.env.BENCH_CORPUS_SCALE ?? 0.1) || 0.1);
const RECORDS_PER_PATIENT = 2;
const config = defaultSynthConfig({seed: 1});

/** Generates and preprocesses records in patient order until `budget` seconds have passed (timed phase). */
function generate(budget: number): {count: number; seconds: number; genMs: number} {
  let count = 0;
  let genTime = 0;
  let sink = 0;
  const start = performance.now();
  for (let p = 0; ; p++) {
    const patient = makePatient(config, p);
    for (let r = 0; r < RECORDS_PER_PATIENT; r++) {
      const t0 = performance.now();
      const g = generateRecord(config, p, r, {patient});
      genTime += performance.now() - t0;
      sink += preprocess(g.record).signals[0]![0]!;
      count++;
    }
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= budget) {
      if (sink === Infinity) console.log(sink);
      return {count, seconds: elapsed, genMs: genTime / count};
    }
  }
}

generate(0.5); // warm-up: JIT, filter designs, population calibration
const gen = generate(seconds);
const genRate = gen.count / gen.seconds;

// The cache: CACHE_RECORDS generated records (untimed), written once, then read back repeatedly.
const CACHE_RECORDS = 2000;
const writer = new CacheWriter();
for (let i = 0; writer.count < CACHE_RECORDS; i++) {
  const g = generateRecord(config, Math.floor(i / RECORDS_PER_PATIENT), i % RECORDS_PER_PATIENT);
  writer.add(preprocess(g.record).signals, g.truth.patientIndex, g.truth.recordIndex, g.truth.code);
}
const dir = mkdtempSync(join(tmpdir(), "ecg-synth-bench-"));
const file = join(dir, "corpus.ecgsyn");
writer.write(file);
const bytes = statSync(file).size;

let reads = 0;
let checksum = 0;
const readStart = performance.now();
const reader = CacheReader.open(file); // the file read counts: a cold pass over the cache
while ((performance.now() - readStart) / 1000 < seconds) {
  for (let i = 0; i < reader.count; i++) {
    const rec = reader.get(i);
    checksum += rec.signals[1]![500]!;
    reads++;
  }
}
const readSeconds = (performance.now() - readStart) / 1000;

// The corpus cache: build into a fresh cache folder (timed, one pass), then load and decode repeatedly.
interface CorpusTiming {name: string; records: number; buildS: number; loadMs: number; decodeRate: number; mb: number}
function timeCorpus(name: CorpusName): CorpusTiming {
  const cacheDir = join(dir, "cache");
  const t0 = performance.now();
  const built = loadCorpus(name, {scale: corpusScale, cacheDir});
  const buildS = (performance.now() - t0) / 1000;
  const records = SPLIT_NAMES.reduce((n, s) => n + built.splits[s].count, 0);
  const mb = SPLIT_NAMES.reduce((n, s) => n + built.splits[s].signals.byteLength, 0) / 1e6;
  let loads = 0;
  const l0 = performance.now();
  while (performance.now() - l0 < 1000 * Math.min(1, seconds)) {
    loadCorpus(name, {scale: corpusScale, cacheDir});
    loads++;
  }
  const loadMs = (performance.now() - l0) / loads;
  const corpus = loadCorpus(name, {scale: corpusScale, cacheDir});
  let decoded = 0;
  const d0 = performance.now();
  while ((performance.now() - d0) / 1000 < seconds / 2) {
    for (const s of SPLIT_NAMES) {
      const split = corpus.splits[s];
      for (let i = 0; i < split.count; i++) checksum += recordSignal(split, i)[1500]!;
      decoded += split.count;
    }
  }
  return {name, records, buildS, loadMs, decodeRate: decoded / ((performance.now() - d0) / 1000), mb};
}
const corpusTimings = (["code-like", "ptbxl-super"] as CorpusName[]).map(timeCorpus);
rmSync(dir, {recursive: true, force: true});

const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
console.log(`bench:data (one core; indicative: other work may share the machine)`);
console.log(`  generated + preprocessed: ${fmt(genRate)} records/s (${gen.count} records in ${gen.seconds.toFixed(1)} s: generation ${gen.genMs.toFixed(3)} ms/record, preprocessing ${(1000 / genRate - gen.genMs).toFixed(3)} ms/record)   target >= 2,000`);
console.log(`  cached read (int16 -> Float32 mV): ${fmt(reads / readSeconds)} records/s (${reads} reads of ${reader.count} cached records, ${(bytes / 1e6).toFixed(1)} MB file)   target >= 20,000`);
for (const c of corpusTimings) {
  console.log(`  corpus ${c.name} (scale ${corpusScale}, ${c.records} records, ${c.mb.toFixed(0)} MB of signals): build ${fmt(c.records / c.buildS)} records/s (${c.buildS.toFixed(1)} s incl. R peaks, encode, write); cached load ${c.loadMs.toFixed(1)} ms (${fmt(c.records / (c.loadMs / 1000))} records/s); decode to Float32 mV ${fmt(c.decodeRate)} records/s`);
}
console.log(`  (checksum ${checksum.toFixed(3)})`);
