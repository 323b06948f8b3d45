// Writes data-loaders/analysis/id-constant-losses.json: the constant predictor's ID test loss of
// every SL run of a study (STUDY, default the report's), computed from the labels of its ID corpus
// (built if it is not cached), so that a build without the corpus cache knows it too.
//   node --import tsx scripts/id-constant-losses.ts
import {writeFileSync} from "node:fs";
import {basename} from "node:path";
import {ID_CONSTANT_FILE, idConstantEntry, idCorpusFile, readIdConstantFile} from "../data-loaders/analysis/id-constant.js";
import {loadStudyRuns} from "../data-loaders/runs/study-runs.js";
import {loadCorpus, type CorpusName} from "../training/data.js";
import {paradigmOf} from "../training/models.js";

process.env.NO_TRAIN = "1";
const {runs} = await loadStudyRuns();
const entries = readIdConstantFile();
const byFile = new Map<string, {config: (typeof runs)[number]["config"]; records: number[]}>();
for (const run of runs) {
  if (paradigmOf(run.config.family) !== "sl") continue;
  const file = idCorpusFile(run.config);
  const e = byFile.get(file) ?? {config: run.config, records: []};
  e.records.push(run.config.records);
  byFile.set(file, e);
}
for (const [file, {config, records}] of byFile) {
  const c = config.corpus;
  loadCorpus(c.name as CorpusName, {scale: c.scale, seed: c.seed, evalScale: c.evalScale, edition: c.edition});
  const entry = idConstantEntry(file, records);
  entries[basename(file, ".bin")] = entry;
  process.stderr.write(`${basename(file)}: constant predictor's ID loss ${Object.entries(entry.constantLoss).map(([D, v]) => `D=${D} ${v.toFixed(4)}`).join(", ")}\n`);
}
writeFileSync(ID_CONSTANT_FILE, JSON.stringify(entries, null, 1) + "\n");
