/**
 * Recording noise, generated per electrode (RA, LA, LL, V1..V6) and turned into lead noise by the lead
 * definitions, so that noise obeys Einthoven's law like the signal does (III = II - I) and a bad electrode
 * spoils exactly the leads that use it.
 *
 * The four kinds of the MIT-BIH Noise Stress Test Database (Moody, Muldrow & Mark 1984) plus mains:
 * - baseline wander: respiration (at the record's breathing rate, shared with RSA) and slow drift 0.05-0.6 Hz;
 * - muscle (EMG): broadband, specified as a spectral density so that its in-band power is the same whatever
 *   the sampling rate (white at 100 Hz = what remains after a 50 Hz anti-alias filter); limb electrodes get
 *   more (tremor), with occasional bursts;
 * - electrode motion: sudden baseline jumps that relax over 0.2-1.2 s;
 * - power-line: 50 or 60 Hz with a third harmonic, from electrode impedance imbalance; only rendered at native
 *   rates (>= 250 Hz): at 100 Hz it would alias, and the study's pipeline removes it anyway (notch + low-pass).
 * Levels are record-specific: most resting ECGs are clean, a few are very noisy (log-normal levels).
 */
import type {Rng} from "../util/prng.js";

export interface NoiseLevels {
  /** Baseline wander amplitude per electrode, mV. */
  baseline: number;
  /** EMG spectral density, mV / sqrt(Hz). */
  emgDensity: number;
  /** Expected electrode-motion events per 10 s, and their typical amplitude, mV. */
  motionRate: number;
  motionAmp: number;
  /** Power-line amplitude, mV, and mains frequency. */
  powerline: number;
  mainsHz: 50 | 60;
}

export function drawNoiseLevels(rng: Rng, scale: number, mainsHz: 50 | 60): NoiseLevels {
  return {
    baseline: scale * Math.min(1.2, rng.logNormal(0.08, 0.7)),
    emgDensity: (scale * Math.min(0.06, rng.logNormal(0.008, 0.6))) / Math.sqrt(50),
    motionRate: scale > 0 ? Math.min(4, rng.logNormal(0.15, 1.0)) : 0,
    motionAmp: scale * rng.logNormal(0.25, 0.6),
    powerline: scale * Math.min(0.3, rng.logNormal(0.015, 1.0)),
    mainsHz
  };
}

export const N_ELECTRODES = 9;

let sources: {n: number; bufs: [Float32Array, Float32Array, Float32Array]} | null = null;
function sourceBuffers(n: number): [Float32Array, Float32Array, Float32Array] {
  if (!sources || sources.n !== n) sources = {n, bufs: [new Float32Array(n), new Float32Array(n), new Float32Array(n)]};
  return sources.bufs;
}

/** Poisson draw by inversion (small means only). */
function poisson(rng: Rng, mean: number): number {
  const L = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > L && k < 20) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** sin(w n + ph) for n = 0..len-1 by the Chebyshev recurrence (no trig in the loop). */
function sinusoid(out: Float32Array, w: number, ph: number): void {
  const n = out.length;
  if (n === 0) return;
  const c = 2 * Math.cos(w);
  let s0 = Math.sin(ph - w);
  let s1 = Math.sin(ph);
  out[0] = s1;
  for (let i = 1; i < n; i++) {
    const s2 = c * s1 - s0;
    out[i] = s2;
    s0 = s1;
    s1 = s2;
  }
}

/** Writes electrode potentials (overwrites `e`, 9 arrays of the record length) at sampling rate fs. */
export function renderElectrodeNoise(rng: Rng, lv: NoiseLevels, fs: number, duration: number, respHz: number, e: Float32Array[], scratch: Float32Array): void {
  void scratch;
  const n = e[0]!.length;
  // Baseline: three shared source waveforms (respiration, two slow drifts) mixed per electrode, one pass each.
  const [s0, s1, s2] = sourceBuffers(n);
  const freqs = [respHz, rng.uniform(0.05, 0.2), rng.uniform(0.2, 0.6)];
  [s0, s1, s2].forEach((buf, k) => sinusoid(buf, (2 * Math.PI * freqs[k]!) / fs, rng.uniform(0, 2 * Math.PI)));
  for (let el = 0; el < N_ELECTRODES; el++) {
    const w0 = lv.baseline * rng.normal(0, 0.6);
    const w1 = lv.baseline * rng.normal(0, 0.5);
    const w2 = lv.baseline * rng.normal(0, 0.5);
    const o = e[el]!;
    for (let i = 0; i < n; i++) o[i] = w0 * s0[i]! + w1 * s1[i]! + w2 * s2[i]!;
  }
  // EMG: white at the sampling rate with the in-band density; limb electrodes x1.5; occasional burst.
  const emgRms = lv.emgDensity * Math.sqrt(fs / 2);
  if (emgRms > 0) {
    for (let el = 0; el < N_ELECTRODES; el++) {
      const g = emgRms * (el < 3 ? 1.5 : 1) * rng.uniform(0.6, 1.2);
      rng.addNormalWalk(e[el]!, g);
    }
    if (rng.bernoulli(0.15)) {
      const el = rng.int(0, 2);
      const i0 = Math.floor(rng.uniform(0, duration - 0.5) * fs);
      const len = Math.floor(rng.uniform(0.4, 2) * fs);
      const i1 = Math.min(n, i0 + len);
      if (i1 > i0) rng.addNormalWalk(e[el]!.subarray(i0, i1), emgRms * rng.uniform(2, 4));
    }
  }
  // Electrode motion: jumps with exponential relaxation.
  const events = lv.motionRate > 0 ? poisson(rng, lv.motionRate * (duration / 10)) : 0;
  for (let k = 0; k < events; k++) {
    const el = rng.int(0, N_ELECTRODES - 1);
    const t0 = rng.uniform(-0.5, duration);
    const amp = lv.motionAmp * rng.logNormal(1, 0.5) * (rng.bernoulli(0.5) ? 1 : -1);
    const rise = rng.uniform(0.02, 0.12);
    const decay = rng.uniform(0.2, 1.2);
    const i0 = Math.max(0, Math.ceil(t0 * fs));
    const o = e[el]!;
    const ar = Math.exp(-1 / (rise * fs));
    const ad = Math.exp(-1 / (decay * fs));
    let gr = Math.exp(-(i0 / fs - t0) / rise);
    let gd = Math.exp(-(i0 / fs - t0) / decay);
    for (let i = i0; i < n; i++) {
      o[i]! += amp * (1 - gr) * gd;
      gr *= ar;
      gd *= ad;
      if (gd < 1e-4) break;
    }
  }
  // Power line: only where it does not alias.
  if (lv.powerline > 0 && fs > 2.2 * lv.mainsHz) {
    const w = (2 * Math.PI * lv.mainsHz) / fs;
    const ph = rng.uniform(0, 2 * Math.PI);
    sinusoid(scratch, w, ph);
    const third = 3 * lv.mainsHz < fs / 2;
    for (let el = 0; el < N_ELECTRODES; el++) {
      const a = lv.powerline * rng.uniform(0.2, 1);
      const o = e[el]!;
      for (let i = 0; i < n; i++) o[i]! += a * scratch[i]!;
    }
    if (third) {
      sinusoid(scratch, 3 * w, 3 * ph);
      for (let el = 0; el < N_ELECTRODES; el++) {
        const a = 0.15 * lv.powerline * rng.uniform(0.2, 1);
        const o = e[el]!;
        for (let i = 0; i < n; i++) o[i]! += a * scratch[i]!;
      }
    }
  }
}
