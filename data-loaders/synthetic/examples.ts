// Builds the Data page's synthetic examples: one record per condition (conditions.ts), rendered exactly as
// the ID corpus renders records (fast 100 Hz path, study preprocessing, int16 at 1 uV; training/corpus's
// renderRecord), tokenized as the Transformer sees it (lead-I R peaks, HeartLang words) and coded with the
// frozen codebook. Records come from a showcase population of their own seed, with every condition at a
// few percent so that a record showing one condition alone turns up within a few thousand patients.
import {
  loadCodebook,
  type Codebook,
  corpusConfig,
  planCorpus,
  renderRecord,
  renderedLeads,
  STORAGE_SCALE_MV,
  DEFAULT_PREPROCESS_OPTIONS,
  defaultSynthConfig,
  makePatient,
  deriveSeed,
  beatSpans,
  tokenizeWithPeaks,
  STANDARD_LEADS
} from "../../training/data.js";
import {encodeInt16, type CodebookSummary, type SyntheticExample, type SyntheticExamples} from "../../src/lib/synthetic-examples.js";
import {EXAMPLE_CONDITIONS, hasCondition, isPure, recordTags} from "./conditions.js";

export interface ExamplesOptions {
  seed?: number;
  /** Patients searched at most for pure examples. */
  maxPatients?: number;
  onProgress?: (done: number, total: number, item: string) => void;
}

const SHOWCASE_PREVALENCE = {
  AF: 0.06, AFLT: 0.04, SVT: 0.04, SB: 0.06, ST: 0.06, SARRH: 0.05, "1dAVb": 0.05, RBBB: 0.05, LBBB: 0.05, IRBBB: 0.04, LAFB: 0.04, IVCD: 0.04, WPW: 0.04,
  MI: 0.12, STTC: 0.06, LVH: 0.05, RVH: 0.04, LAE: 0.04, RAE: 0.02, PAC: 0.05, PVC: 0.05, lowVoltage: 0.04, structural: 0.06
};

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

export function buildSyntheticExamples(options: ExamplesOptions = {}): SyntheticExamples {
  const seed = options.seed ?? 1;
  const maxPatients = options.maxPatients ?? 20000;
  const codebook = loadCodebook({onProgress: (d, t, phase) => options.onProgress?.(d, t, `codebook: ${phase}`)});
  const render = {
    name: "code-like" as const,
    synth: defaultSynthConfig({seed: deriveSeed(seed, "examples"), prevalence: SHOWCASE_PREVALENCE}),
    device: null,
    preprocess: {...DEFAULT_PREPROCESS_OPTIONS},
    storageScaleMv: STORAGE_SCALE_MV
  };
  const pure = new Map<string, {patient: number}>();
  const fallback = new Map<string, {patient: number}>();
  for (let p = 0; p < maxPatients && pure.size < EXAMPLE_CONDITIONS.length; p++) {
    if (p % 500 === 0) options.onProgress?.(pure.size, EXAMPLE_CONDITIONS.length, `searching patients (${p})`);
    const {truth} = renderRecord(render, p, 0, makePatient(render.synth, p));
    const tags = recordTags(truth);
    for (const c of EXAMPLE_CONDITIONS) {
      if (pure.has(c.key) || !hasCondition(c, tags)) continue;
      if (isPure(c, tags)) pure.set(c.key, {patient: p});
      else if (!fallback.has(c.key)) fallback.set(c.key, {patient: p});
    }
  }
  const examples: SyntheticExample[] = [];
  for (const c of EXAMPLE_CONDITIONS) {
    const found = pure.get(c.key) ?? fallback.get(c.key);
    if (!found) continue;
    const patient = makePatient(render.synth, found.patient);
    const r = renderRecord(render, found.patient, 0, patient);
    const leads = renderedLeads(r, STORAGE_SCALE_MV);
    const sentence = tokenizeWithPeaks(leads, r.rPeaks);
    const ids = codebook.assignCodes(sentence.tokens, sentence.length);
    const beats = r.rPeaks.length;
    const codes = STANDARD_LEADS.map((_, l) => Array.from({length: beats}, (_, b) => (l * beats + b < sentence.length ? ids[l * beats + b]! : null)));
    examples.push({
      key: c.key,
      label: c.label,
      look: c.look,
      pure: pure.has(c.key),
      tags: recordTags(r.truth),
      patient: {id: patient.id, age: patient.age, sex: patient.sex},
      hrBpm: round(r.truth.intervals.hrBpm, 1),
      fs: 100,
      leads: [...STANDARD_LEADS],
      signals: encodeInt16(Int16Array.from(r.samples)),
      scaleMv: STORAGE_SCALE_MV,
      rPeaks: Array.from(r.rPeaks),
      spans: beatSpans(r.rPeaks, 1000).map((s) => [s.start, s.end]),
      codes
    });
  }
  return {seed, codebook: summariseCodebook(codebook), examples};
}

/** `n` ranks evenly spread over 0..used-1 (all of them when fewer are used). */
function spreadRanks(used: number, n: number): number[] {
  if (used <= n) return Array.from({length: used}, (_, i) => i);
  return Array.from({length: n}, (_, i) => Math.round((i * (used - 1)) / (n - 1)));
}

/** Code usage over the words of the first records of the ID corpus's training split (small scale). */
function summariseCodebook(codebook: Codebook, records = 150): CodebookSummary {
  const config = corpusConfig("code-like", {scale: 0.02});
  const plan = planCorpus(config).train.slice(0, records);
  const counts = new Float64Array(codebook.k);
  let words = 0;
  for (const e of plan) {
    const r = renderRecord(config, e.patient, e.record);
    const s = tokenizeWithPeaks(renderedLeads(r, config.storageScaleMv), r.rPeaks);
    for (const c of codebook.assignCodes(s.tokens, s.length)) counts[c]!++;
    words += s.length;
  }
  let entropy = 0;
  for (const n of counts) if (n > 0) entropy -= (n / words) * Math.log(n / words);
  const order = Array.from(counts.keys()).sort((a, b) => counts[b]! - counts[a]! || a - b);
  const {fit, heldOut} = codebook.stats;
  const r4 = (s: typeof fit) => ({words: s.words, perplexity: round(s.perplexity, 1), deadCodes: s.deadCodes, relativeMse: round(s.relativeMse, 4)});
  return {
    k: codebook.k,
    hash: codebook.hash,
    iterations: codebook.stats.iterations,
    converged: codebook.stats.converged,
    fit: r4(fit),
    heldOut: r4(heldOut),
    usage: {records: plan.length, words, used: counts.filter((n) => n > 0).length, perplexity: round(Math.exp(entropy), 1)},
    words: spreadRanks(order.filter((c) => counts[c]! > 0).length, 24).map((rank) => {
      const code = order[rank]!;
      return {code, rank: rank + 1, share: round(counts[code]! / words, 4), shape: Array.from(codebook.centroids.subarray(code * 96, (code + 1) * 96), (v) => round(v, 2))};
    })
  };
}

