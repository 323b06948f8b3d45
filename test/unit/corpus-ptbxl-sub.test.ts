// PTB-XL's 23 diagnostic subclasses (training/corpus/labels.ts, ptbxl-sub; issue 16, item 3): a label view of the
// ptbxl-super records, as in PTB-XL. The signals are those of ptbxl-super record for record; each record's
// subclasses imply exactly its superclasses; the four subclasses the generator does not draw are empty and every
// other one occurs (but the rarest two, PMI and WPW, at this size).
import {test} from "node:test";
import assert from "node:assert/strict";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {corpusConfig, loadCorpus, prevalence} from "../../training/corpus/index.js";
import {PTBXL_SUBCLASSES} from "../../training/corpus/labels.js";

const SUPER_OF: Record<string, string> = {NORM: "NORM", AMI: "MI", IMI: "MI", LMI: "MI", PMI: "MI", ISCA: "STTC", ISCI: "STTC", ISC_: "STTC", STTC: "STTC", NST_: "STTC", CLBBB: "CD", CRBBB: "CD", IRBBB: "CD", ILBBB: "CD", "LAFB/LPFB": "CD", _AVB: "CD", IVCD: "CD", WPW: "CD", LVH: "HYP", RVH: "HYP", "LAO/LAE": "HYP", "RAO/RAE": "HYP", SEHYP: "HYP"};
const NOT_DRAWN = ["ISCA", "ISCI", "ILBBB", "SEHYP"];

test("ptbxl-sub: the ptbxl-super records with PTB-XL's 23 subclasses, each implying its superclass", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "ptbxl-sub-"));
  try {
    const options = {scale: 0.4, cacheDir: dir};
    const sup = loadCorpus("ptbxl-super", options);
    const sub = loadCorpus("ptbxl-sub", options);
    assert.deepEqual(sub.task.classes, [...PTBXL_SUBCLASSES]);
    assert.equal(sub.task.classes.length, 23);
    assert.notEqual(sub.hash, sup.hash, "a corpus of its own (its labels differ)");
    assert.equal(corpusConfig("ptbxl-sub").synth.seed, corpusConfig("ptbxl-super").synth.seed);
    const k = 23;
    const superClasses = sup.task.classes;
    for (const name of ["train", "val", "test"] as const) {
      const a = sup.splits[name];
      const b = sub.splits[name];
      assert.equal(b.count, a.count);
      assert.deepEqual(b.signals, a.signals, `${name}: the same signals`);
      assert.deepEqual(b.patientIds, a.patientIds);
      for (let i = 0; i < a.count; i++) {
        const subs = PTBXL_SUBCLASSES.filter((_, c) => b.labels[i * k + c]);
        const implied = new Set(subs.map((s) => SUPER_OF[s]));
        const supers = new Set(superClasses.filter((_, c) => a.labels[i * superClasses.length + c]));
        assert.deepEqual(implied, supers, `${name} record ${i}: subclasses ${subs.join(" ")} vs superclasses ${[...supers].join(" ")}`);
      }
    }
    const p = prevalence(sub.splits.train, "multilabel", k);
    t.diagnostic(PTBXL_SUBCLASSES.map((c, i) => `${c} ${(100 * p[i]!).toFixed(1)}%`).join(", "));
    for (const [i, c] of PTBXL_SUBCLASSES.entries()) {
      if (NOT_DRAWN.includes(c)) assert.equal(p[i], 0, `${c} is never drawn`);
      else if (c !== "PMI" && c !== "WPW") assert.ok(p[i]! > 0, `${c} occurs in ${sub.splits.train.count} training records`);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
