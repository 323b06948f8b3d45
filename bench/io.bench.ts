// Reader throughput: the 120 Challenge records of the shared manifest, read N times (default 5) through the
// public WFDB API, then read + preprocessed with the study pipeline. Usage: npm run bench:io [-- passes]
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {ecgDataDir, readWfdbRecord, preprocess} from "../training/data.js";

const passes = Math.max(1, Number(process.argv[2] ?? process.env.BENCH_PASSES ?? 5) || 5);
const dataDir = ecgDataDir();
const manifest = join(dataDir, "manifest.csv");
if (!existsSync(manifest)) {
  console.log(`bench:io skipped: no manifest at ${manifest} (set ECG_DATA_DIR to the shared/ecg folder)`);
  process.exit(0);
}

const [head, ...rows] = readFileSync(manifest, "utf8").trim().split(/\r?\n/);
const pathColumn = head!.split(",").indexOf("path");
const records = rows.map((row) => join(dataDir, row.split(",")[pathColumn]!));

interface Timing {
  recordsPerSecond: number;
  msPerRecord: number;
  samplesPerSecond: number;
}

/** Runs `work` over every record `passes` times after one warm-up pass; returns throughput. */
function time(work: (path: string) => number): Timing {
  for (const path of records) work(path);
  let samples = 0;
  const start = performance.now();
  for (let pass = 0; pass < passes; pass++) for (const path of records) samples += work(path);
  const seconds = (performance.now() - start) / 1000;
  const count = passes * records.length;
  return {recordsPerSecond: count / seconds, msPerRecord: (1000 * seconds) / count, samplesPerSecond: samples / seconds};
}

const read = time((path) => {
  const {record} = readWfdbRecord(path);
  return record.signals.length * (record.signals[0]?.length ?? 0);
});

let preprocessFailures = 0;
const readAndPreprocess = time((path) => {
  const {record} = readWfdbRecord(path);
  try {
    preprocess(record);
  } catch {
    preprocessFailures++;
  }
  return record.signals.length * (record.signals[0]?.length ?? 0);
});

const format = (t: Timing) =>
  `${t.recordsPerSecond.toFixed(0)} records/s (${t.msPerRecord.toFixed(2)} ms/record, ${(t.samplesPerSecond / 1e6).toFixed(1)} M samples/s)`;
console.log(
  `bench:io ${records.length} Challenge records x ${passes} passes: read ${format(read)}; ` +
    `read+preprocess ${format(readAndPreprocess)}` +
    (preprocessFailures ? `; preprocess refused ${preprocessFailures / (passes + 1)} records per pass` : "")
);
