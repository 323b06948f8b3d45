/**
 * Recording devices, the source of domain shift between synthetic datasets: the native sampling rate
 * before resampling to 100 Hz, amplifier gain error, analog front-end filtering (a causal first-order
 * high-pass and second-order Butterworth low-pass, as in real amplifiers; the 0.5 Hz "monitoring"
 * high-pass visibly distorts ST segments, a known real-world shift), ADC resolution, mains frequency and
 * how noisy the setting is. The fast 100 Hz path (`CORPUS_DEVICE`) has no front end: it stands for records
 * that have already been through the study's preprocessing.
 * Filter and resolution choices follow IEC 60601-2-25 / AHA 2007 (Kligfield et al.) recommendations:
 * diagnostic bandwidth 0.05-150 Hz, monitoring 0.5-40 Hz, LSB <= 5 uV.
 */
import type {Rng} from "../util/prng.js";

export interface DeviceProfile {
  name: string;
  fs: number;
  /** Front-end corners (Hz); null = none. */
  highpassHz: number | null;
  lowpassHz: number | null;
  /** ADC step, mV (0 = no quantisation). */
  lsbMv: number;
  mainsHz: 50 | 60;
  /** Gain error: overall sd and per-lead sd (relative). */
  gainSd: number;
  leadGainSd: number;
  /** Multiplies the record's noise levels by kind. */
  noise: {baseline: number; emg: number; motion: number; powerline: number};
}

export const CORPUS_DEVICE: DeviceProfile = {
  name: "corpus-100",
  fs: 100,
  highpassHz: null,
  lowpassHz: null,
  lsbMv: 0,
  mainsHz: 60,
  gainSd: 0.03,
  leadGainSd: 0.01,
  noise: {baseline: 1, emg: 1, motion: 1, powerline: 0}
};

/** Named devices for the OOD datasets. */
export const DEVICES: Record<string, DeviceProfile> = {
  "diagnostic-500": {name: "diagnostic-500", fs: 500, highpassHz: 0.05, lowpassHz: 150, lsbMv: 0.001, mainsHz: 60, gainSd: 0.02, leadGainSd: 0.01, noise: {baseline: 1, emg: 1, motion: 1, powerline: 1}},
  "diagnostic-1000-eu": {name: "diagnostic-1000-eu", fs: 1000, highpassHz: 0.05, lowpassHz: 300, lsbMv: 0.0005, mainsHz: 50, gainSd: 0.02, leadGainSd: 0.01, noise: {baseline: 0.8, emg: 0.8, motion: 0.7, powerline: 1.5}},
  "monitor-250": {name: "monitor-250", fs: 250, highpassHz: 0.5, lowpassHz: 40, lsbMv: 0.005, mainsHz: 60, gainSd: 0.06, leadGainSd: 0.03, noise: {baseline: 1.5, emg: 1.8, motion: 2.5, powerline: 2}},
  "portable-500-eu": {name: "portable-500-eu", fs: 500, highpassHz: 0.67, lowpassHz: 100, lsbMv: 0.0024, mainsHz: 50, gainSd: 0.05, leadGainSd: 0.02, noise: {baseline: 1.3, emg: 1.4, motion: 1.5, powerline: 1.2}}
};

/** Per-record gain factors (overall x per lead) for a device. */
export function drawLeadGains(rng: Rng, d: DeviceProfile, nLeads: number): Float64Array {
  const g = new Float64Array(nLeads);
  const overall = 1 + rng.normal(0, d.gainSd);
  for (let i = 0; i < nLeads; i++) g[i] = overall * (1 + rng.normal(0, d.leadGainSd));
  return g;
}

/** Causal first-order RC high-pass (the analog coupling of an ECG amplifier), in place. */
export function highpass1(x: Float32Array, fs: number, fc: number): void {
  const rc = 1 / (2 * Math.PI * fc);
  const a = rc / (rc + 1 / fs);
  let prevX = x[0]!;
  let prevY = 0;
  x[0] = 0;
  for (let i = 1; i < x.length; i++) {
    const xi = x[i]!;
    const y = a * (prevY + xi - prevX);
    prevX = xi;
    prevY = y;
    x[i] = y;
  }
}

/** Causal second-order Butterworth low-pass by the bilinear transform, in place. */
export function lowpass2(x: Float32Array, fs: number, fc: number): void {
  if (fc >= fs / 2) return;
  const k = Math.tan((Math.PI * fc) / fs);
  const q = Math.SQRT1_2;
  const norm = 1 / (1 + k / q + k * k);
  const b0 = k * k * norm;
  const b1 = 2 * b0;
  const b2 = b0;
  const a1 = 2 * (k * k - 1) * norm;
  const a2 = (1 - k / q + k * k) * norm;
  // Start at rest on the first sample to avoid a start-up transient.
  let x1 = x[0]!;
  let x2 = x1;
  let y1 = x1;
  let y2 = x1;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const y = b0 * xi + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = xi;
    y2 = y1;
    y1 = y;
    x[i] = y;
  }
}

export function quantise(x: Float32Array, lsb: number): void {
  if (lsb <= 0) return;
  const inv = 1 / lsb;
  for (let i = 0; i < x.length; i++) x[i] = Math.round(x[i]! * inv) * lsb;
}
