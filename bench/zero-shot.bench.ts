// Zero-shot check of a corpus edition (training/synth/edition.ts): builds (or reads from the cache) the code-like
// corpus of the given edition, trains one ResNet-SL model on its whole training split with the study's trainer,
// and prints, for the chosen checkpoint's weights:
//  - the synthetic ID test AUROC per CODE label (against the labels as stored: edition 2's are the recorded,
//    noisy ones, as CODE's are), with the positive count; for edition 2 also against the true labels (the
//    generator's truth, regenerated for the test split) and the ceiling the label noise puts on the recorded-label
//    AUROC of a scorer that knows the truth;
//  - the zero-shot AUROC of the label head on the real PhysioNet Challenge records (../shared/ecg, CODE labels
//    from their SNOMED codes) for AF, RBBB, SB, ST and 1dAVb, with a 95% percentile bootstrap interval over
//    records (2,000 resamples) and the positive count.
// The aim of edition 2: synthetic ID AUROC below 1, real zero-shot AUROC higher than edition 1's.
// Slow (minutes per edition): run it under `nice -n 19` on a shared machine.
//
// Usage: npm run bench:zero-shot -- [--edition 1|2|both] [--scale 0.25] [--eval-scale 1] [--steps 800]
//          [--batch 32] [--units 3] [--width 12] [--eval-every 200] [--threads 1] [--seed 0] [--json out.json]
import {writeFileSync} from "node:fs";
import {initBackend, auroc, resolveTrainConfig, train} from "../training/models.js";
import {
  corpusConfig,
  loadCorpus,
  planCorpus,
  type Corpus,
  type CorpusName,
  EDITION_2,
  generateRecord,
  makePatient,
  type Patient,
  loadChallengeRecords,
  ecgDataDir,
  Rng,
  CODE_LABELS
} from "../training/data.js";

const REAL_LABELS = ["AF", "RBBB", "SB", "ST", "1dAVb"] as const;
const BOOTSTRAP = 2000;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

interface LabelResult {
  label: string;
  positives: number;
  auroc?: number;
  lo?: number;
  hi?: number;
}

function column(values: ArrayLike<number>, count: number, width: number, c: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = values[i * width + c]!;
  return out;
}

/** AUROC with a 95% percentile bootstrap interval over records (resamples without both classes skipped). */
function bootstrapAuroc(scores: Float64Array, labels: Float64Array, seed: number): Omit<LabelResult, "label"> {
  const positives = labels.reduce((a, y) => a + (y > 0.5 ? 1 : 0), 0);
  const point = auroc(scores, labels);
  if (point === undefined) return {positives};
  const rng = new Rng(seed);
  const n = scores.length;
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const draws: number[] = [];
  for (let b = 0; b < BOOTSTRAP; b++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n);
      s[i] = scores[j]!;
      y[i] = labels[j]!;
    }
    const a = auroc(s, y);
    if (a !== undefined) draws.push(a);
  }
  draws.sort((a, b) => a - b);
  const q = (p: number) => draws[Math.min(draws.length - 1, Math.max(0, Math.round(p * (draws.length - 1))))]!;
  return {positives, auroc: point, lo: q(0.025), hi: q(0.975)};
}

const fmt = (r: LabelResult) =>
  `${r.label.padEnd(6)} ${r.auroc === undefined ? "n/a" : r.auroc.toFixed(3)}${r.lo !== undefined ? ` [${r.lo.toFixed(3)}, ${r.hi!.toFixed(3)}]` : ""}  (${r.positives} positives)`;

async function runEdition(edition: 1 | 2, o: {scale: number; evalScale: number; steps: number; batch: number; units: number; width: number; evalEvery: number; seed: number}) {
  const corpusOptions = {seed: 0, scale: o.scale, evalScale: o.evalScale, ...(edition === 2 ? {edition: 2 as const} : {})};
  const id: Corpus = loadCorpus("code-like", {...corpusOptions, onProgress: (d, t) => d % 2000 === 0 && process.stderr.write(`edition ${edition}: building ${d}/${t}\n`)});
  const real = loadChallengeRecords(ecgDataDir());
  if (!real) throw new Error(`no manifest.csv under ${ecgDataDir()}`);
  let idResults: LabelResult[] = [];
  let realResults: LabelResult[] = [];
  let idTrue: LabelResult[] | undefined;
  const record = await train(
    resolveTrainConfig({
      family: "resnet-sl",
      size: {units: o.units, width: o.width},
      records: id.splits.train.count,
      steps: o.steps,
      evalEvery: o.evalEvery,
      ood: [],
      seed: o.seed,
      batch: o.batch,
      corpus: {name: "code-like", ...corpusOptions}
    }),
    {
      loadCorpus: (name: CorpusName) => {
        if (name !== "code-like") throw new Error(`unexpected corpus ${name}`);
        return id;
      },
      onProgress: (p) => p.step % 100 === 0 && process.stderr.write(`edition ${edition}: step ${p.step}/${p.steps} loss ${p.loss?.toFixed(4)}\n`),
      onTrained: async (family) => {
        const test = id.splits.test;
        const k = CODE_LABELS.length;
        const idScores = await family.predict!(test);
        idResults = CODE_LABELS.map((label, c) => {
          const y = column(test.labels, test.count, k, c);
          return {label, positives: y.reduce((a, v) => a + v, 0), auroc: auroc(column(idScores, test.count, k, c), y)};
        });
        if (edition === 2) {
          const truth = trueTestLabels(corpusOptions);
          idTrue = CODE_LABELS.map((label, c) => {
            const y = column(truth, test.count, k, c);
            return {label, positives: y.reduce((a, v) => a + v, 0), auroc: auroc(column(idScores, test.count, k, c), y)};
          });
        }
        const realScores = await family.predict!(real.split);
        realResults = REAL_LABELS.map((label) => {
          const c = CODE_LABELS.indexOf(label);
          return {label, ...bootstrapAuroc(column(realScores, real.split.count, k, c), column(real.split.labels, real.split.count, k, c), 1000 + c)};
        });
      }
    }
  );
  return {edition, idTrue, corpus: id.hash, trainRecords: id.splits.train.count, testRecords: id.splits.test.count, params: record.params, chosenStep: record.best.step, stepsDone: record.stepsDone, idMacroAuroc: record.best.idAuroc, id: idResults, real: realResults, realRecords: real.split.count};
}

/** The true CODE labels of the ID test split (the generator's truth; the corpus stores the recorded ones). */
function trueTestLabels(options: {seed: number; scale: number; evalScale: number; edition?: 2}): Uint8Array {
  const config = corpusConfig("code-like", options);
  const entries = planCorpus(config).test;
  const out = new Uint8Array(entries.length * CODE_LABELS.length);
  let patient: Patient | undefined;
  entries.forEach((e, i) => {
    if (patient?.index !== e.patient) patient = makePatient(config.synth, e.patient);
    const {truth} = generateRecord(config.synth, e.patient, e.record, {patient});
    CODE_LABELS.forEach((l, c) => (out[i * CODE_LABELS.length + c] = truth.code[l] ? 1 : 0));
  });
  return out;
}

/**
 * Ceiling of the recorded-label AUROC for a scorer that ranks every true positive above every true negative,
 * at true prevalence p: recorded positives hold spurious true negatives, recorded negatives missed true positives.
 */
function labelNoiseCeiling(p: number): number {
  const {missRate: m, spuriousRate: s} = EDITION_2.labelNoise;
  const f = ((1 - p) * s) / (p * (1 - m) + (1 - p) * s);
  const g = (p * m) / (p * m + (1 - p) * (1 - s));
  return (1 - f) * (1 - g) + 0.5 * ((1 - f) * g + f * (1 - g));
}

const which = arg("edition", "both");
const editions: (1 | 2)[] = which === "both" ? [1, 2] : which === "1" ? [1] : which === "2" ? [2] : (() => {
  throw new Error(`--edition must be 1, 2 or both, got ${which}`);
})();
const options = {
  scale: Number(arg("scale", "0.25")),
  evalScale: Number(arg("eval-scale", "1")),
  steps: Number(arg("steps", "800")),
  batch: Number(arg("batch", "32")),
  units: Number(arg("units", "3")),
  width: Number(arg("width", "12")),
  evalEvery: Number(arg("eval-every", "200")),
  seed: Number(arg("seed", "0"))
};
const backend = await initBackend({threads: Number(arg("threads", "1"))});
process.stderr.write(`backend ${backend.name}, ${backend.threads} thread(s); ${JSON.stringify(options)}\n`);
const results = [];
for (const edition of editions) {
  const r = await runEdition(edition, options);
  results.push(r);
  console.log(`\n== edition ${edition}: corpus ${r.corpus}, ${r.trainRecords} training records, ResNet-SL units ${options.units} width ${options.width} (${r.params} params), chosen step ${r.chosenStep} of ${r.stepsDone}`);
  console.log(`synthetic ID test (${r.testRecords} records), AUROC per label (macro ${r.idMacroAuroc?.toFixed(3)}):`);
  for (const x of r.id) console.log(`  ${fmt(x)}`);
  if (r.idTrue) {
    console.log(`synthetic ID test against the true labels (recorded-label ceiling from the label noise in brackets):`);
    for (const x of r.idTrue) console.log(`  ${fmt(x)}  [ceiling ${labelNoiseCeiling(x.positives / r.testRecords).toFixed(3)}]`);
  }
  console.log(`real Challenge records (${r.realRecords}), zero-shot AUROC [95% bootstrap interval]:`);
  for (const x of r.real) console.log(`  ${fmt(x)}`);
}
const json = arg("json", "");
if (json) writeFileSync(json, JSON.stringify({options, results}, null, 1) + "\n");
