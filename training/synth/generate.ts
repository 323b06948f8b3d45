/**
 * The synthetic record generator: (config, patient index, record index) -> a 12-lead EcgRecord and its
 * ground truth. Pure computation; every random number comes from a stream seeded by those three values,
 * so any record can be regenerated alone and the same inputs always give byte-identical output.
 *
 * Steps: patient identity (patient.ts) -> record-level state (rhythm, rate, noise, device draws) -> beat
 * templates with the patient's conditions (morphology.ts, conditions.ts, ectopic.ts) -> beat schedule
 * (rhythm.ts) -> dipole (render.ts) plus atrial activity (atrial.ts) and respiratory modulation -> 12 leads
 * by the Dower projection (leads.ts) -> electrode noise (noise.ts) -> device (device.ts).
 */
import type {EcgRecord} from "../io/record.js";
import {STANDARD_LEADS} from "../io/record.js";
import {addFlutterWaves, addFWaves, drawFlutter, drawFWaves} from "./atrial.js";
import {CODE_LABELS, type CodeLabel, type SynthConfig} from "./config.js";
import {applyToParams, applyToTemplate} from "./conditions.js";
import {CORPUS_DEVICE, type DeviceProfile, drawLeadGains, highpass1, lowpass2, quantise} from "./device.js";
import {buildPacTemplate, buildPvcTemplate} from "./ectopic.js";
import {EventList, renderEvents} from "./gaussian.js";
import {composeLeads, perturbedDowerMatrix} from "./leads.js";
import {type BeatTemplate, buildSinusTemplate, type MorphologyParams, spatialPeakTime} from "./morphology.js";
import {drawNoiseLevels, N_ELECTRODES, type NoiseLevels, renderElectrodeNoise} from "./noise.js";
import {makePatient, type Patient, riskLabelProbability} from "./patient.js";
import {conditionProbability, logit, PAROXYSMAL_SHARE, populationModel, sigmoid} from "./population.js";
import {edition2Of, type Edition2Knobs} from "./edition.js";
import {deriveSeed, Rng} from "../util/prng.js";
import {antiAliasSigma, collectEvents, FAST_FS, modulateAmplitude, type BeatTemplates, prAt, sttScale} from "./render.js";
import {afSchedule, flutterSchedule, type RhythmKind, type Schedule, sinusSchedule, svtSchedule} from "./rhythm.js";
import type {CdCode, HypCode, RhythmClass, SynthRecordTruth} from "./truth.js";

export interface GeneratedRecord {
  record: EcgRecord;
  truth: SynthRecordTruth;
}

export interface GenerateOptions {
  /** Recording device; default CORPUS_DEVICE (the fast 100 Hz path). */
  device?: DeviceProfile;
  /** Reuse a patient object already made for this index (saves its draw when generating many records). */
  patient?: Patient;
}

export function recordSeed(config: SynthConfig, patientIndex: number, recordIndex: number): number {
  return deriveSeed(config.seed, "record", patientIndex, recordIndex);
}

/** Rate-class intercepts: P(SB) and P(ST) per sinus record depend on the patient's rate tendency. */
const rateCache = new WeakMap<SynthConfig, {sb: number; st: number}>();
const RATE_SLOPE = 1.0;
function rateIntercepts(config: SynthConfig): {sb: number; st: number} {
  const hit = rateCache.get(config);
  if (hit) return hit;
  const share = populationModel(config).sinusShare;
  // Quadrature over the standard-normal rate tendency.
  const Q = 64;
  const zs: number[] = [];
  for (let i = 0; i < Q; i++) {
    // Probit of midpoints via the logistic approximation is enough for a calibration grid.
    const p = (i + 0.5) / Q;
    zs.push(logit(p) / 1.702);
  }
  const solve = (target: number, sign: number): number => {
    let a = -30;
    let b = 30;
    for (let it = 0; it < 80; it++) {
      const m = (a + b) / 2;
      let s = 0;
      for (const z of zs) s += sigmoid(m + sign * RATE_SLOPE * z) / Q;
      if (s < target) a = m;
      else b = m;
    }
    return (a + b) / 2;
  };
  const out = {sb: solve(Math.min(0.95, config.prevalence.SB / share), -1), st: solve(Math.min(0.95, config.prevalence.ST / share), 1)};
  rateCache.set(config, out);
  return out;
}

interface RecordState {
  rhythm: RhythmKind;
  rateClass: "SB" | "normal" | "ST" | null;
  sarrh: boolean;
  hr: number;
  respHz: number;
  schedule: Schedule;
}

/**
 * The record's rhythm. Edition 2 (`e2` with its own stream `rng2`) moves some records to the borderlines
 * (rates near 60 / 100 bpm, rate-controlled AF, frequent PACs); the edition-1 draws from `rng` are the same
 * either way, so with `e2` null nothing changes.
 */
function drawRhythm(config: SynthConfig, p: Patient, rng: Rng, duration: number, e2: Readonly<Edition2Knobs> | null = null, rng2: Rng | null = null): RecordState {
  const b = e2?.borderline;
  const model = populationModel(config);
  const male = p.sex === "M";
  const struct = p.structural > 0;
  const respHz = rng.truncNormal(0.25, 0.05, 0.12, 0.45);
  const inAf = p.afStatus === "persistent" || (p.afStatus === "paroxysmal" && rng.bernoulli(PAROXYSMAL_SHARE));
  if (inAf) {
    let hr = rng.truncNormal(88 + 4 * p.risk, 18, 50, 150);
    const pvc = rng.bernoulli(0.15) ? rng.uniform(0.03, 0.12) : 0;
    if (b && rng2 && rng2.bernoulli(b.rateControlledAfShare)) {
      hr = rng2.uniform(...b.rateControlledAfBpm);
      const cv = rng2.uniform(...b.rateControlledAfCv);
      rng.uniform(0.17, 0.3); // edition 1's CV draw, unused
      return {rhythm: "af", rateClass: null, sarrh: false, hr, respHz, schedule: afSchedule(rng, duration, hr, cv, pvc)};
    }
    return {rhythm: "af", rateClass: null, sarrh: false, hr, respHz, schedule: afSchedule(rng, duration, hr, rng.uniform(0.17, 0.3), pvc)};
  }
  if (rng.bernoulli(conditionProbability(model, "AFLT", p.age, male, struct))) {
    const s = flutterSchedule(rng, duration);
    return {rhythm: "flutter", rateClass: null, sarrh: false, hr: 0, respHz, schedule: s};
  }
  if (rng.bernoulli(conditionProbability(model, "SVT", p.age, male, struct))) {
    const hr = rng.uniform(150, 210);
    return {rhythm: "svt", rateClass: null, sarrh: false, hr, respHz, schedule: svtSchedule(rng, duration, hr)};
  }
  // Sinus: rate class first (labels keep a margin around 60 and 100 bpm), then the rate within it.
  const ri = rateIntercepts(config);
  const pSB = sigmoid(ri.sb - RATE_SLOPE * p.rateTendency);
  const pST = sigmoid(ri.st + RATE_SLOPE * p.rateTendency);
  const u = rng.next();
  const rateClass = u < pSB ? "SB" : u < pSB + pST ? "ST" : "normal";
  let hr =
    rateClass === "SB"
      ? Math.min(56.5, Math.max(38, p.hrSetPoint - rng.uniform(12, 30)))
      : rateClass === "ST"
        ? Math.min(150, Math.max(105, p.hrSetPoint + rng.uniform(25, 60)))
        : b
          ? rng.truncNormal(Math.min(b.normalCentreBpm[1], Math.max(b.normalCentreBpm[0], p.hrSetPoint)), 6, ...b.normalRangeBpm)
          : rng.truncNormal(Math.min(92, Math.max(68, p.hrSetPoint)), 5, 63, 97);
  if (b && rng2 && rateClass !== "normal" && rng2.bernoulli(b.rateShare)) hr = rng2.uniform(...(rateClass === "SB" ? b.sbBandBpm : b.stBandBpm));
  const sarrh = rateClass !== "ST" && rng.bernoulli(conditionProbability(model, "SARRH", p.age, male, struct));
  const pvc = rng.bernoulli(conditionProbability(model, "PVC", p.age, male, struct) * (1 + 0.5 * Math.max(0, p.risk)) / 1.2);
  const pac = rng.bernoulli(conditionProbability(model, "PAC", p.age, male, struct));
  const rr = 60 / hr;
  const cv = Math.min(0.08, Math.max(0.005, 0.03 * p.hrv * Math.sqrt(rr)));
  const schedule = sinusSchedule(rng, duration, {
    hr,
    cv,
    respHz,
    rsaBoost: sarrh ? rng.uniform(0.08, 0.14) : 0,
    pvcRate: pvc ? rng.uniform(0.04, 0.2) : 0,
    pacRate: pac ? (b && rng2 && rng2.bernoulli(b.frequentPacShare) ? (rng.next(), rng2.uniform(...b.frequentPacRate)) : rng.uniform(0.04, 0.2)) : 0,
    forceEctopy: true
  });
  return {rhythm: "sinus", rateClass, sarrh, hr, respHz, schedule};
}

/** The record's variation around the patient's identity: small changes of axis, voltage and timing. */
function jitterMorphology(m: MorphologyParams, rng: Rng): MorphologyParams {
  return {
    ...m,
    qrsAxisDeg: m.qrsAxisDeg + rng.normal(0, 3),
    qrsTiltDeg: m.qrsTiltDeg + rng.normal(0, 3),
    qrsAmp: m.qrsAmp * rng.logNormal(1, 0.05),
    qrsDurMs: m.qrsDurMs + rng.normal(0, 1.5),
    septalAmp: m.septalAmp * rng.logNormal(1, 0.08),
    terminalAmp: m.terminalAmp * rng.logNormal(1, 0.08),
    tAmp: m.tAmp * rng.logNormal(1, 0.08),
    tAxisOffsetDeg: m.tAxisOffsetDeg + rng.normal(0, 3),
    pAmp: m.pAmp * rng.logNormal(1, 0.08),
    pDurMs: m.pDurMs + rng.normal(0, 2),
    prMs: m.prMs + rng.normal(0, 3),
    qtcMs: m.qtcMs + rng.normal(0, 5),
    st: [...m.st]
  };
}

function buildTemplates(p: Patient, rng: Rng, e2: Readonly<Edition2Knobs> | null = null): BeatTemplates {
  const m = jitterMorphology(p.morph, rng);
  applyToParams(m, p.details);
  const sinus = buildSinusTemplate(m);
  applyToTemplate(sinus, p.details);
  const wpw = p.details.wpw !== null;
  sinus.rPeak = spatialPeakTime(sinus);
  // Ectopic templates use no randomness: build them only if the record has such beats.
  let pac: BeatTemplate | null = null;
  let pvc: BeatTemplate | null = null;
  return {
    sinus,
    get pac() {
      return (pac ??= buildPacTemplate(sinus, p.ectopic, m.pAmp));
    },
    get pvc() {
      if (!pvc) {
        pvc = buildPvcTemplate(p.ectopic, sinus.qtc);
        pvc.rPeak = spatialPeakTime(pvc);
      }
      return pvc;
    },
    // Keep PR on its side of the 200 ms threshold with a margin at any rate (WPW keeps its short PR).
    // Edition 2 narrows the margins (borderline PRs).
    prMin: p.details.avb1 ? (e2 ? e2.borderline.avb1PrMinS : 0.214) : wpw ? 0.06 : 0.11,
    prMax: p.details.avb1 ? 0.4 : e2 ? e2.borderline.normalPrMaxS : 0.194
  };
}

export function generateRecord(config: SynthConfig, patientIndex: number, recordIndex: number, opts: GenerateOptions = {}): GeneratedRecord {
  const device = opts.device ?? CORPUS_DEVICE;
  const patient = opts.patient && opts.patient.index === patientIndex ? opts.patient : makePatient(config, patientIndex);
  const seed = recordSeed(config, patientIndex, recordIndex);
  const rng = new Rng(seed);
  const duration = config.durationS;
  const fs = device.fs;
  const fast = fs === FAST_FS && device.highpassHz === null && device.lowpassHz === null;

  const e2 = edition2Of(config);
  const rng2 = e2 ? new Rng(deriveSeed(seed, "edition-2")) : null;
  const templates = buildTemplates(patient, rng, e2);
  const state = drawRhythm(config, patient, rng, duration, e2, rng2);
  const {schedule} = state;

  // The native path renders a 1 s lead-in so that the device filters have settled when the record starts.
  const preRoll = fast ? 0 : 1;
  const nOut = Math.round(duration * fs);
  const nAll = nOut + Math.round(preRoll * fs);
  const t0 = -preRoll;

  const ev = EVENTS;
  const beatGains = new Float64Array(schedule.beats.length);
  for (let i = 0; i < beatGains.length; i++) beatGains[i] = 1 + rng.normal(0, 0.02);
  collectEvents(ev, templates, schedule.beats, schedule.blockedP, t0, (i) => beatGains[i]!);
  const {x, y, z, electrodes, scratch} = buffers(nAll);
  renderEvents(ev, fs, antiAliasSigma(fs), x, y, z);

  if (state.rhythm === "af") {
    const fw = drawFWaves(rng);
    if (e2 && rng2 && rng2.bernoulli(e2.borderline.fineAfShare)) fw.amp *= rng2.uniform(...e2.borderline.fineAfAmpScale);
    addFWaves(fw, fs, x, y, z);
  }
  if (state.rhythm === "flutter" && schedule.flutter) {
    const fl = drawFlutter(rng, schedule.flutter.cycle, schedule.flutter.t0 - t0);
    addFlutterWaves(fl, fs, x, y, z);
  }
  modulateAmplitude(x, y, z, fs, t0, rng.uniform(0.02, 0.07), state.respHz, rng.uniform(0, 2 * Math.PI));

  // A record-specific electrode placement for the Dower projection.
  const gainsV = [0, 1, 2, 3, 4, 5].map(() => rng.logNormal(1, 0.06));
  const M = perturbedDowerMatrix(rng.normal(0, 0.15), gainsV);

  // Noise levels belong to the record; the noise waveforms and the device's gain errors come from their own
  // streams, so one record rendered on two devices differs only by what the devices do.
  const riskLabel = rng.bernoulli(riskLabelProbability(config, patient));
  const base = drawNoiseLevels(rng, config.noiseScale, device.mainsHz);
  const noise: NoiseLevels = {
    ...base,
    baseline: base.baseline * device.noise.baseline,
    emgDensity: base.emgDensity * device.noise.emg,
    motionRate: base.motionRate * device.noise.motion,
    powerline: base.powerline * device.noise.powerline
  };
  renderElectrodeNoise(new Rng(deriveSeed(seed, "noise", fs)), noise, fs, duration + preRoll, state.respHz, electrodes, scratch);

  // Leads = gain error x (projection + electrode noise), then the device's analog filters and ADC.
  const gains = drawLeadGains(new Rng(deriveSeed(seed, "device", device.name)), device, 12);
  const leads: Float32Array[] = STANDARD_LEADS.map(() => new Float32Array(nAll));
  composeLeads(M, gains, x, y, z, electrodes, leads, scratch);
  const signals: Float32Array[] = [];
  for (let i = 0; i < 12; i++) {
    let s = leads[i]!;
    if (device.highpassHz !== null) highpass1(s, fs, device.highpassHz);
    if (device.lowpassHz !== null) lowpass2(s, fs, device.lowpassHz);
    if (preRoll > 0) s = s.slice(nAll - nOut);
    quantise(s, device.lsbMv);
    signals.push(s);
  }

  const truth = buildTruth(patient, state, templates, {seed, recordIndex, fs, nOut, duration, noise, device: device.name, riskLabel});
  if (e2) truth.codeRecorded = recordedCode(truth.code, e2, new Rng(deriveSeed(seed, "label-noise")));
  const labels = CODE_LABELS.filter((l) => (truth.codeRecorded ?? truth.code)[l]);
  const record: EcgRecord = {
    id: `${patient.id}_${String(recordIndex).padStart(3, "0")}`,
    source: `synthetic:${device.name}:seed${config.seed}`,
    fs,
    leads: [...STANDARD_LEADS],
    signals,
    labels,
    patientId: patient.id,
    age: patient.age,
    sex: patient.sex
  };
  return {record, truth};
}

/**
 * Edition 2's recorded CODE labels: the truth with CODE-like label noise (edition.ts), one draw per label from
 * the record's own label-noise stream.
 */
export function recordedCode(code: Record<CodeLabel, boolean>, e2: Readonly<Edition2Knobs>, rng: Rng): Record<CodeLabel, boolean> {
  const out = {...code};
  for (const l of CODE_LABELS) {
    const u = rng.next();
    out[l] = code[l] ? u >= e2.labelNoise.missRate : u < e2.labelNoise.spuriousRate;
  }
  return out;
}

/** Scratch buffers reused across records of the same length (dipole, electrodes): the generator is single-threaded. */
const EVENTS = new EventList(256);
let scratchCache: {n: number; x: Float32Array; y: Float32Array; z: Float32Array; electrodes: Float32Array[]; scratch: Float32Array} | null = null;
function buffers(n: number): NonNullable<typeof scratchCache> {
  if (!scratchCache || scratchCache.n !== n) {
    scratchCache = {n, x: new Float32Array(n), y: new Float32Array(n), z: new Float32Array(n), electrodes: Array.from({length: N_ELECTRODES}, () => new Float32Array(n)), scratch: new Float32Array(n)};
  } else {
    scratchCache.x.fill(0);
    scratchCache.y.fill(0);
    scratchCache.z.fill(0);
  }
  return scratchCache;
}

interface TruthContext {
  seed: number;
  recordIndex: number;
  fs: number;
  nOut: number;
  duration: number;
  noise: NoiseLevels;
  device: string;
  riskLabel: boolean;
}

function buildTruth(p: Patient, s: RecordState, t: BeatTemplates, c: TruthContext): SynthRecordTruth {
  const inWin = s.schedule.beats.filter((b) => {
    const tpl = b.kind === "V" ? t.pvc : t.sinus;
    const r = b.onset + tpl.rPeak;
    return r >= 0 && r < c.duration;
  });
  const rPeak = new Float64Array(inWin.length);
  const qrsOnset = new Float64Array(inWin.length);
  const qrsOffset = new Float64Array(inWin.length);
  inWin.forEach((b, i) => {
    const tpl = b.kind === "V" ? t.pvc : t.sinus;
    rPeak[i] = (b.onset + tpl.rPeak) * c.fs;
    qrsOnset[i] = b.onset * c.fs;
    qrsOffset[i] = (b.onset + tpl.qrsDur) * c.fs;
  });
  const rPeaks = Int32Array.from(rPeak, (v) => Math.round(v));
  const beatTimes = Int32Array.from(qrsOnset, (v, i) => Math.round((v + qrsOffset[i]!) / 2));
  const meanRR = inWin.length >= 2 ? (inWin[inWin.length - 1]!.onset - inWin[0]!.onset) / (inWin.length - 1) : 60 / Math.max(1, s.hr);
  const hrBpm = 60 / meanRR;
  const kinds = inWin.map((b) => b.kind);
  const pac = kinds.includes("A");
  const pvc = kinds.includes("V");
  const d = p.details;
  const withP = s.rhythm === "sinus";
  const prMs = withP ? prAt(t, t.sinus, meanRR) * 1000 : null;
  const qtS = t.sinus.qrsDur + (t.sinus.qtc - t.sinus.qrsDur) * sttScale(meanRR);

  const code: Record<CodeLabel, boolean> = {
    "1dAVb": withP && d.avb1 !== null,
    RBBB: d.rbbb !== null,
    LBBB: d.lbbb !== null,
    SB: s.rhythm === "sinus" && s.rateClass === "SB",
    AF: s.rhythm === "af",
    ST: s.rhythm === "sinus" && s.rateClass === "ST"
  };
  const cd: CdCode[] = [];
  if (code["1dAVb"]) cd.push("1AVB");
  if (d.rbbb) cd.push("RBBB");
  if (d.lbbb) cd.push("LBBB");
  if (d.irbbb) cd.push("IRBBB");
  if (d.lafb) cd.push("LAFB");
  if (d.ivcd) cd.push("IVCD");
  if (d.wpw) cd.push("WPW");
  const hyp: HypCode[] = [];
  if (d.lvh) hyp.push("LVH");
  if (d.rvh) hyp.push("RVH");
  if (d.lae) hyp.push("LAE");
  if (d.rae) hyp.push("RAE");
  const qtcMs = t.sinus.qtc * 1000;
  const form: string[] = [];
  if (pvc) form.push("PVC");
  if (pac) form.push("PAC");
  if (d.mi && (d.mi.stage === "old" || d.mi.qAmp > 0.5 || d.mi.territory === "posterior")) form.push("QWAVE");
  if (d.mi?.stage === "acute") form.push("STE_");
  if (d.sttc?.kind.startsWith("depression") || d.lvh?.strain) form.push("STD_");
  if (d.sttc?.kind.includes("inverted") || d.mi?.stage === "old" || d.lvh?.strain || d.rvh) form.push("INVT");
  if (d.sttc?.kind === "flat") form.push("LOWT", "NT_");
  if (d.lowVoltage) form.push("LVOLT");
  if (d.lvh) form.push("VCLVH");
  if (code["1dAVb"]) form.push("LPR");
  if (qtcMs > 460) form.push("LNGQT");
  if (d.ivcd || d.wpw) form.push("ABQRS");
  const superclass: SynthRecordTruth["factors"]["superclass"] = [];
  if (d.mi) superclass.push("MI");
  if (d.sttc) superclass.push("STTC");
  if (cd.length > 0) superclass.push("CD");
  if (hyp.length > 0) superclass.push("HYP");
  if (superclass.length === 0) superclass.unshift("NORM");
  const rhythmClass: RhythmClass =
    s.rhythm === "af" ? "AFIB" : s.rhythm === "flutter" ? "AFLT" : s.rhythm === "svt" ? "SVTAC" : s.rateClass === "SB" ? "SBRAD" : s.rateClass === "ST" ? "STACH" : s.sarrh ? "SARRH" : "SR";

  return {
    patientIndex: p.index,
    recordIndex: c.recordIndex,
    seed: c.seed,
    fs: c.fs,
    nSamples: c.nOut,
    beats: {rPeak, qrsOnset, qrsOffset, kind: kinds},
    rPeaks,
    beatTimes,
    rhythm: s.rhythm,
    rhythmClass,
    code,
    intervals: {prMs, qrsMs: t.sinus.qrsDur * 1000, qtMs: qtS * 1000, qtcMs, hrBpm},
    factors: {
      sex: p.sex,
      age: p.age,
      mi: d.mi?.territory ?? null,
      miStage: d.mi?.stage ?? null,
      sttc: d.sttc !== null,
      sttcKind: d.sttc?.kind ?? null,
      cd,
      hyp,
      form,
      pac,
      pvc,
      structural: p.structural > 0,
      structuralSeverity: p.structural,
      risk: c.riskLabel,
      riskScore: p.risk,
      superclass
    },
    noise: c.noise,
    device: c.device
  };
}
