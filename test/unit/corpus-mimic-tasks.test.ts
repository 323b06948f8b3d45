// The three MIMIC-IV-like OOD tasks (training/corpus/labels.ts; issue 16, item 3): one hospital cohort's records,
// labelled with in-hospital death, ICU admission and age 65 or over. The two views hold the base task's signals; the
// age label is exact (against the stored ages); death and ICU have the intended prevalences (about 8 % and 20 %) and
// rise with age and with each other (older and ICU patients die more often), as the outcome models say.
import {test} from "node:test";
import assert from "node:assert/strict";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {corpusConfig, DATASET_SPECS, loadCorpus, UNSEEN_TASKS} from "../../training/corpus/index.js";

test("mimic-mortality, mimic-icu and mimic-age: one cohort, three labels with the intended prevalences and relations", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "mimic-tasks-"));
  try {
    const options = {scale: 0.5, evalScale: 0.5, cacheDir: dir};
    const death = loadCorpus("mimic-mortality", options);
    const icu = loadCorpus("mimic-icu", options);
    const age = loadCorpus("mimic-age", options);
    assert.equal(corpusConfig("mimic-icu").synth.seed, corpusConfig("mimic-mortality").synth.seed);
    assert.deepEqual([DATASET_SPECS["mimic-mortality"].domain, DATASET_SPECS["mimic-icu"].domain, DATASET_SPECS["mimic-age"].domain], ["unseen", "unseen", "seen"]);
    assert.ok(UNSEEN_TASKS.includes("mimic-mortality") && UNSEEN_TASKS.includes("mimic-icu"));
    const rows: {death: number; icu: number; old: number; age: number}[] = [];
    for (const name of ["train", "val", "test"] as const) {
      const d = death.splits[name];
      assert.deepEqual(icu.splits[name].signals, d.signals, `${name}: mimic-icu holds mimic-mortality's signals`);
      assert.deepEqual(age.splits[name].signals, d.signals, `${name}: mimic-age holds mimic-mortality's signals`);
      for (let i = 0; i < d.count; i++) {
        assert.equal(age.splits[name].labels[i], d.ages[i]! >= 65 ? 1 : 0, `${name} record ${i}: age ${d.ages[i]}`);
        rows.push({death: d.labels[i]!, icu: icu.splits[name].labels[i]!, old: age.splits[name].labels[i]!, age: d.ages[i]!});
      }
    }
    const rate = (xs: typeof rows, key: "death" | "icu" | "old") => xs.reduce((s, r) => s + r[key], 0) / xs.length;
    const [pDeath, pIcu, pOld] = [rate(rows, "death"), rate(rows, "icu"), rate(rows, "old")];
    const older = rows.filter((r) => r.old);
    const younger = rows.filter((r) => !r.old);
    const inIcu = rows.filter((r) => r.icu);
    const notIcu = rows.filter((r) => !r.icu);
    t.diagnostic(`${rows.length} records: death ${(100 * pDeath).toFixed(1)} %, ICU ${(100 * pIcu).toFixed(1)} %, age >= 65 ${(100 * pOld).toFixed(1)} %; death ${(100 * rate(older, "death")).toFixed(1)} % at 65+ vs ${(100 * rate(younger, "death")).toFixed(1)} % under 65, ${(100 * rate(inIcu, "death")).toFixed(1)} % with ICU vs ${(100 * rate(notIcu, "death")).toFixed(1)} % without`);
    // Binomial SE at n ~ 1,250 is under 0.8 points for death and 1.2 for ICU: 3 SE windows.
    assert.ok(pDeath > 0.055 && pDeath < 0.105, `death prevalence ${pDeath}`);
    assert.ok(pIcu > 0.165 && pIcu < 0.235, `ICU prevalence ${pIcu}`);
    assert.ok(pOld > 0.4 && pOld < 0.65, `age >= 65 share ${pOld}`);
    assert.ok(rate(older, "death") > 1.5 * rate(younger, "death"), "death rises with age");
    assert.ok(rate(inIcu, "death") > 1.5 * rate(notIcu, "death"), "ICU patients die more often (shared latent state)");
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
