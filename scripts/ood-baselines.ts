// Computes the simple-feature baselines of a study's OOD tasks (data-loaders/analysis/ood-baselines.ts) and writes
// them into data-loaders/analysis/ood-baselines.json (committed), so that a build without the corpus cache shows
// them too. Builds the study's OOD corpora when they are not cached.
//   node --import tsx scripts/ood-baselines.ts [--study NAME] [--recompute]
import {writeFileSync} from "node:fs";
import {OOD_BASELINES_FILE, baselineKey, readCommittedBaselines, studyBaselines, studyCorpusOptions} from "../data-loaders/analysis/ood-baselines.js";
import {configuredStudy} from "../data-loaders/runs/study-runs.js";
import {studyByName} from "../training/studies.js";
import type {CorpusName} from "../training/data.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const study = studyByName(arg("--study") ?? configuredStudy());
const result = studyBaselines(study, {ignoreCommitted: process.argv.includes("--recompute"), onProgress: (line) => process.stderr.write(line + "\n")});
const entries = readCommittedBaselines();
const options = studyCorpusOptions(study);
for (const b of result.baselines) {
  const {source: _source, ...entry} = b;
  entries[baselineKey(b.dataset as CorpusName, options)] = entry;
}
writeFileSync(OOD_BASELINES_FILE, JSON.stringify(Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))), null, 1) + "\n");
const f = (x: number | null, d = 4) => (x === null || !Number.isFinite(x) ? "–" : x.toFixed(d));
process.stdout.write(`study ${study.name} (corpus edition ${result.edition}; ${JSON.stringify(study.corpus)})\n`);
process.stdout.write(`dataset        constant  baseline ± SE      AUROC  lambda  (source)\n`);
for (const b of result.baselines) {
  process.stdout.write(`${b.dataset.padEnd(14)} ${f(b.constantLoss)}    ${f(b.loss)} ± ${f(b.lossSe)}  ${f(b.auroc, 3)}  ${b.lambda.toExponential(0)}  (${b.source})\n`);
}
