// The study-level baselines (data-loaders/analysis/ood-baselines.ts): computed once per corpus (keyed by its hash and
// the baseline version), then read from the cache; the report's study has committed entries for every OOD task, so a
// build on a fresh clone needs no corpus.
import {test} from "node:test";
import assert from "node:assert/strict";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {baselineKey, datasetBaseline, readCommittedBaselines, studyCorpusOptions} from "../../data-loaders/analysis/ood-baselines.js";
import {DEFAULT_STUDY} from "../../data-loaders/runs/study-runs.js";
import {studyByName} from "../../training/studies/index.js";
import type {CorpusName} from "../../training/corpus/index.js";
import {BASELINE_FEATURES, BASELINE_VERSION} from "../../training/eval/feature-baseline.js";

test(`the ${DEFAULT_STUDY} study's OOD tasks have committed baselines of the current version`, () => {
  const study = studyByName(DEFAULT_STUDY);
  const committed = readCommittedBaselines();
  for (const dataset of study.ood) {
    const entry = committed[baselineKey(dataset as CorpusName, studyCorpusOptions(study))];
    assert.ok(entry, `no committed baseline for ${dataset}: run scripts/ood-baselines.ts --study ${study.name}`);
    assert.equal(entry.version, BASELINE_VERSION);
    assert.deepEqual(entry.features, [...BASELINE_FEATURES]);
    assert.ok(entry.loss < entry.constantLoss, `${dataset}: the baseline is below the constant predictor`);
  }
});

test("a baseline is computed once per corpus and then read from the cache", () => {
  const dir = mkdtempSync(join(tmpdir(), "ood-baselines-"));
  try {
    const corpus = {scale: 0.012, seed: 5};
    const lines: string[] = [];
    const first = datasetBaseline("csn-rhythm", corpus, {cacheDir: dir, onProgress: (l) => lines.push(l)});
    assert.equal(first.source, "computed");
    assert.ok(lines.some((l) => l.includes("measured")), "progress is reported");
    assert.ok(first.records.train >= 10 && Number.isFinite(first.loss) && Number.isFinite(first.constantLoss));
    const again = datasetBaseline("csn-rhythm", corpus, {cacheDir: dir});
    assert.equal(again.source, "cache");
    assert.equal(again.loss, first.loss);
    assert.notEqual(baselineKey("csn-rhythm", corpus), baselineKey("csn-rhythm", {...corpus, edition: 2}), "the edition is part of the key");
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
