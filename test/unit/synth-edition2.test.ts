/**
 * Generator editions (training/synth/edition.ts).
 *
 * Edition 1 is bit-identical to the generator before editions existed: the hashes below were recorded from the
 * code at commit 2e144b8 (before edition 2 was added) and must never change: the committed quick study's runs
 * were trained on edition-1 corpora, and its run keys, the corpus hashes and the corpus bytes all stand.
 *
 * Edition 2 is checked from what it generates: label noise at the configured rates (binomial tolerance),
 * borderline cases present, the sex and risk signs in the expected direction, measured from signals where
 * that is cheap.
 */
import {test} from "node:test";
import assert from "node:assert/strict";
import {createHash} from "node:crypto";
import {buildCorpus, corpusConfig, corpusHash, FIRST_OOD_DATASETS, ID_CORPUS, LABEL_RULES, planCorpus, renderRecord, renderedLeads, SPLIT_NAMES, type CorpusName} from "../../training/corpus/index.js";
import {CODE_LABELS, defaultSynthConfig, type CodeLabel} from "../../training/synth/config.js";
import {EDITION_2} from "../../training/synth/edition.js";
import {generateRecord, recordedCode} from "../../training/synth/generate.js";
import {makePatient, riskLabelProbability} from "../../training/synth/patient.js";
import {Rng} from "../../training/util/prng.js";
import {planStudy, STUDIES} from "../../training/studies/index.js";
import {TRAINING_CODE_VERSION} from "../../training/version.js";
import {measureEcg} from "../../data-loaders/synthetic/measure-record.js";

const sha = (parts: (ArrayBufferView | string)[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(typeof p === "string" ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  return h.digest("hex");
};

/** AUROC of scores for positives vs negatives (ties count half). */
function auroc(pos: number[], neg: number[]): number {
  let c = 0;
  for (const p of pos) for (const n of neg) c += p > n ? 1 : p === n ? 0.5 : 0;
  return c / (pos.length * neg.length);
}

// ---- edition 1: unchanged ----

test("edition 1: run keys of the smoke, quick and standard studies are those recorded before editions existed", () => {
  const recorded: Record<string, [string, number]> = {
    quick: ["80d738724124e0c95a0b0d70a9e50b53cf871e07bac3726c553a40e467392c98", 48],
    smoke: ["c5deaff8bc227180ed56d7350c77428b69b7f5b6687574019809f309ce004348", 16],
    standard: ["1943b0aa15aa12f0055def77681cb93362046a11344f528497f9df24e1d66e75", 64]
  };
  for (const [name, [hash, n]] of Object.entries(recorded)) {
    const keys = planStudy(STUDIES[name]!, TRAINING_CODE_VERSION).map((r) => r.key);
    assert.equal(keys.length, n, name);
    assert.equal(sha([keys.join("\n")]), hash, `${name}: run keys changed`);
  }
});

test("edition 1: corpus hashes of the quick study's corpora are unchanged, and edition 2 has its own", () => {
  const recorded: Record<string, string> = {
    "code-like": "124a038189fc0610949f",
    "ptbxl-super": "39ba8b8a4ba2446d9762",
    "ptbxl-rhythm": "0df1875fb615c8065d50",
    "ptbxl-form": "485d6c36245c6d173fd0",
    cpsc: "3a8a454ddc5ea251aa1d",
    "csn-rhythm": "1812a24abd3eeaded572",
    structural: "e9dab1c11704bfb7fa8c",
    risk: "aa19c70e1ebe8b86a65c",
    sex: "9a431d684d749e03c5d3"
  };
  const options = {seed: 0, scale: 0.25, evalScale: 1};
  // The quick study's corpora: the ID corpus and the eight OOD tasks the studies up to `second` probe.
  for (const name of [ID_CORPUS, ...FIRST_OOD_DATASETS]) {
    const c1 = corpusConfig(name, options);
    assert.equal(corpusHash(c1), recorded[name], name);
    assert.equal(corpusHash(corpusConfig(name, {...options, edition: 1})), recorded[name], `${name}, edition: 1 explicit`);
    assert.equal("edition" in c1.synth, false, "edition 1 leaves no field in the config");
    const c2 = corpusConfig(name, {...options, edition: 2});
    assert.equal(c2.synth.edition, 2);
    assert.notEqual(corpusHash(c2), recorded[name], `${name}: edition 2 has its own hash`);
    // Its knobs are in the hashed config: changing one names a new corpus.
    assert.deepEqual(c2.synth.realism, EDITION_2);
    const tweaked = structuredClone(c2);
    tweaked.synth.realism!.labelNoise.missRate += 0.01;
    assert.notEqual(corpusHash(tweaked), corpusHash(c2), `${name}: a knob change changes the hash`);
  }
});

test("edition 1: small built corpora have the bytes recorded before editions existed", () => {
  const recorded: [CorpusName, number, string][] = [
    ["code-like", 0.005, "c9be9452b73482904fa144a5f8530f183c96a69ab4d77089e206641fc919d6f5"],
    ["risk", 0.02, "587c84b96cb088af2eb4f0f22a2673ea7236bfa1494c3b7ab735d2d0082043d0"]
  ];
  for (const [name, scale, hash] of recorded) {
    const config = corpusConfig(name, {seed: 3, scale});
    const corpus = buildCorpus(config, corpusHash(config));
    const parts: ArrayBufferView[] = [];
    for (const s of SPLIT_NAMES) {
      const sp = corpus.splits[s];
      parts.push(sp.signals, sp.labels, sp.patientIds, sp.recordIndices, sp.rPeakOffsets, sp.rPeaks, sp.ages, sp.sexes);
    }
    assert.equal(sha(parts), hash, `${name} at scale ${scale}: bytes changed`);
  }
});

// ---- edition 2 ----

test("edition 2: label noise misses and adds CODE labels at the configured rates (binomial tolerance)", (t) => {
  const {missRate, spuriousRate} = EDITION_2.labelNoise;
  const rng = new Rng(17);
  const n = 40000;
  const allTrue = Object.fromEntries(CODE_LABELS.map((l) => [l, true])) as Record<CodeLabel, boolean>;
  const allFalse = Object.fromEntries(CODE_LABELS.map((l) => [l, false])) as Record<CodeLabel, boolean>;
  let missed = 0;
  let spurious = 0;
  for (let i = 0; i < n; i++) {
    const a = recordedCode(allTrue, EDITION_2, rng);
    const b = recordedCode(allFalse, EDITION_2, rng);
    for (const l of CODE_LABELS) {
      if (!a[l]) missed++;
      if (b[l]) spurious++;
    }
  }
  const trials = n * CODE_LABELS.length;
  const within = (k: number, p: number) => Math.abs(k / trials - p) <= 4 * Math.sqrt((p * (1 - p)) / trials);
  t.diagnostic(`missed ${(k2p(missed, trials))}, spurious ${k2p(spurious, trials)} (configured ${missRate}, ${spuriousRate})`);
  assert.ok(within(missed, missRate), "miss rate");
  assert.ok(within(spurious, spuriousRate), "spurious rate");
});

const k2p = (k: number, n: number) => `${((100 * k) / n).toFixed(2)}%`;

test("edition 2: the code task reads the recorded labels; truth keeps the true ones; edition 1 records have none", () => {
  const c2 = defaultSynthConfig({seed: 5, edition: 2});
  const c1 = defaultSynthConfig({seed: 5});
  let differ = 0;
  const row = new Uint8Array(CODE_LABELS.length);
  for (let i = 0; i < 40; i++) {
    const g1 = generateRecord(c1, i, 0);
    assert.equal(g1.truth.codeRecorded, undefined);
    const g2 = generateRecord(c2, i, 0);
    assert.ok(g2.truth.codeRecorded);
    LABEL_RULES.code.label(g2.truth, row);
    CODE_LABELS.forEach((l, j) => assert.equal(row[j], g2.truth.codeRecorded![l] ? 1 : 0));
    assert.deepEqual(g2.record.labels, CODE_LABELS.filter((l) => g2.truth.codeRecorded![l]));
    if (CODE_LABELS.some((l) => g2.truth.codeRecorded![l] !== g2.truth.code[l])) differ++;
  }
  assert.ok(differ <= 6, `few noisy records among 40 (${differ})`);
});

test("edition 2: borderline bundle branch blocks (QRS 120-135 ms), near-miss incomplete RBBB (110-119 ms) and 1dAVb (PR 205-230 ms) are common", (t) => {
  const config = defaultSynthConfig({seed: 9, edition: 2, prevalence: {RBBB: 0.15, LBBB: 0.1, "1dAVb": 0.15, IRBBB: 0.1}});
  const bbb: number[] = [];
  const irbbb: number[] = [];
  const pr: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const p = makePatient(config, i);
    if (p.details.rbbb) bbb.push(p.details.rbbb.qrsMs);
    if (p.details.lbbb) bbb.push(p.details.lbbb.qrsMs);
    if (p.details.avb1) pr.push(p.details.avb1.prMs);
    if (p.details.irbbb) irbbb.push(p.details.irbbb.qrsMs);
  }
  const nearMiss = irbbb.filter((q) => q >= 110 && q < 120).length / irbbb.length;
  t.diagnostic(`incomplete RBBB with QRS 110-119 ms (near misses for RBBB): ${(100 * nearMiss).toFixed(0)}% of ${irbbb.length}`);
  assert.ok(irbbb.length > 50 && nearMiss > 0.3 && Math.max(...irbbb) < 120, "near-miss incomplete RBBB, none at 120 ms");
  const bbbBorder = bbb.filter((q) => q >= 120 && q <= 135).length / bbb.length;
  const prBorder = pr.filter((q) => q >= 205 && q <= 230).length / pr.length;
  t.diagnostic(`BBB with QRS 120-135 ms: ${(100 * bbbBorder).toFixed(0)}% of ${bbb.length}; 1dAVb with PR 205-230 ms: ${(100 * prBorder).toFixed(0)}% of ${pr.length}`);
  assert.ok(bbb.length > 100 && pr.length > 100);
  assert.ok(bbbBorder > 0.3 && Math.min(...bbb) >= 120, "borderline BBB, none below 120 ms");
  assert.ok(prBorder > 0.4 && Math.min(...pr) > 200, "borderline 1dAVb, none at or below 200 ms");
  // Edition 1 for contrast: none of its BBBs is below 132 ms.
  const e1 = defaultSynthConfig({seed: 9, prevalence: {RBBB: 0.15, LBBB: 0.1}});
  for (let i = 0; i < 300; i++) {
    const p = makePatient(e1, i);
    if (p.details.rbbb) assert.ok(p.details.rbbb.qrsMs >= 132);
  }
});

test("edition 2: SB / ST records near 60 / 100 bpm keep their labels' side; AF includes rate-controlled records", (t) => {
  const config = defaultSynthConfig({seed: 11, edition: 2, prevalence: {SB: 0.25, ST: 0.25, AF: 0.2}});
  const sb: number[] = [];
  const st: number[] = [];
  const af: number[] = [];
  for (let i = 0; i < 260; i++) {
    const g = generateRecord(config, i, 0);
    const hr = g.truth.intervals.hrBpm;
    if (g.truth.code.SB) sb.push(hr);
    if (g.truth.code.ST) st.push(hr);
    if (g.truth.code.AF) af.push(hr);
  }
  const near = (xs: number[], lo: number, hi: number) => xs.filter((x) => x >= lo && x <= hi).length / xs.length;
  t.diagnostic(`SB ${sb.length}: ${(100 * near(sb, 55, 60)).toFixed(0)}% at 55-60 bpm; ST ${st.length}: ${(100 * near(st, 100, 106)).toFixed(0)}% at 100-106; AF ${af.length}: ${(100 * near(af, 55, 92)).toFixed(0)}% at 55-92`);
  assert.ok(sb.length >= 30 && st.length >= 30 && af.length >= 20);
  assert.ok(Math.max(...sb) < 60 && Math.min(...st) > 100, "labels stay on their side of the threshold");
  assert.ok(near(sb, 55, 60) > 0.25 && near(st, 100, 106) > 0.25, "borderline rates common");
  assert.ok(near(af, 55, 92) > 0.4, "rate-controlled AF common");
});

test("edition 2: sex is visible in the signals (men: larger V2-V4 QRS, longer QRS; women: longer QTc, faster rate)", (t) => {
  const config = corpusConfig("sex", {scale: 0.2, edition: 2});
  const amp: [number[], number[]] = [[], []];
  const qrs: [number[], number[]] = [[], []];
  const qtc: [number[], number[]] = [[], []];
  for (const e of planCorpus(config).train.slice(0, 120)) {
    const r = renderRecord(config, e.patient, e.record, makePatient(config.synth, e.patient));
    const m = measureEcg(renderedLeads(r, config.storageScaleMv));
    const male = r.truth.factors.sex === "M" ? 1 : 0;
    amp[male].push((m.amp[7] ?? 0) + (m.amp[8] ?? 0) + (m.amp[9] ?? 0));
    if (m.qrsMs !== null) qrs[male].push(m.qrsMs);
    qtc[male].push(r.truth.intervals.qtcMs);
  }
  const aAmp = auroc(amp[1], amp[0]);
  const aQrs = auroc(qrs[1], qrs[0]);
  const aQtc = auroc(qtc[0], qtc[1]);
  t.diagnostic(`AUROC for male: V2-V4 QRS amplitude ${aAmp.toFixed(2)}, measured QRS ${aQrs.toFixed(2)}; for female: QTc ${aQtc.toFixed(2)} (${amp[1].length} men, ${amp[0].length} women)`);
  assert.ok(aAmp > 0.62 && aQrs > 0.55 && aQtc > 0.62);
  // No one feature is enough on its own.
  assert.ok(aAmp < 0.9 && aQrs < 0.9 && aQtc < 0.9);
});

test("edition 2: the risk latent's own AUROC is about 0.85-0.9 and the label goes with its visible signs", (t) => {
  // Expected AUROC of the latent for the label, weighting each patient by P(label) and 1 - P(label).
  const config = defaultSynthConfig({seed: 13, edition: 2});
  const ps: {r: number; p: number; hr: number; qtc: number}[] = [];
  for (let i = 0; i < 2000; i++) {
    const pt = makePatient(config, i);
    ps.push({r: pt.risk, p: riskLabelProbability(config, pt), hr: pt.hrSetPoint, qtc: pt.morph.qtcMs});
  }
  const weightedAuroc = (score: (x: (typeof ps)[number]) => number) => {
    const s = [...ps].sort((a, b) => score(a) - score(b));
    let negBelow = 0;
    let num = 0;
    let wp = 0;
    let wn = 0;
    for (const x of s) {
      num += x.p * negBelow;
      negBelow += 1 - x.p;
      wp += x.p;
      wn += 1 - x.p;
    }
    return num / (wp * wn);
  };
  const latent = weightedAuroc((x) => x.r);
  const hr = weightedAuroc((x) => x.hr);
  const qtc = weightedAuroc((x) => x.qtc);
  const rate = ps.reduce((a, x) => a + x.p, 0) / ps.length;
  t.diagnostic(`label rate ${rate.toFixed(3)}; AUROC of the latent ${latent.toFixed(3)}, resting rate ${hr.toFixed(3)}, QTc ${qtc.toFixed(3)}`);
  assert.ok(latent > 0.84 && latent < 0.93, "latent AUROC near 0.85-0.9");
  assert.ok(hr > 0.6 && qtc > 0.6, "visible signs carry risk");
  assert.ok(hr < latent && qtc < latent, "no one sign is the latent");
  assert.ok(Math.abs(rate - 0.1) < 0.03, "the configured rate roughly holds");
  // Edition 1 for contrast: its latent is weaker (AUROC ~0.8).
  const e1 = defaultSynthConfig({seed: 13});
  ps.length = 0;
  for (let i = 0; i < 2000; i++) {
    const pt = makePatient(e1, i);
    ps.push({r: pt.risk, p: riskLabelProbability(e1, pt), hr: pt.hrSetPoint, qtc: pt.morph.qtcMs});
  }
  assert.ok(weightedAuroc((x) => x.r) < latent);
});
