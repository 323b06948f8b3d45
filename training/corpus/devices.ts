/**
 * The recording device of each OOD dataset. Every OOD dataset is rendered at its device's native rate
 * (250, 500 or 1000 Hz) with the device's analog front end, ADC step, gain errors, mains frequency and noise
 * profile, then goes through the study's real preprocessing (training/preprocess) to 100 Hz: the shift
 * between datasets is made by the same mechanisms that make it in real data, not by a label.
 *
 * Four profiles come from training/synth/device.ts; four more are defined here so that no two OOD datasets
 * share a device. Values follow the AHA 2007 / IEC 60601-2-25 ranges (diagnostic 0.05-150 Hz, monitoring
 * 0.5-40 Hz, LSB <= 5 uV) and what the source datasets document: PTB-XL (Schiller, 500 Hz, Germany: 50 Hz
 * mains), CPSC 2018 and Chapman-Shaoxing (500 Hz, China: 50 Hz mains; Chapman exported through GE MUSE with
 * a 4.88 uV step), EchoNext and MIMIC-IV-ECG (US hospitals: 60 Hz mains; acute care is the noisiest setting).
 * The ID corpus uses the synthesiser's fast 100 Hz path (CORPUS_DEVICE), standing for records that have
 * already been through the preprocessing: that is what makes building the ~19,000-record ID corpus fast.
 */
import {DEVICES, type DeviceProfile} from "../synth/device.js";

const known = (name: string): DeviceProfile => {
  const d = DEVICES[name];
  if (!d) throw new Error(`corpus: unknown synth device ${name}`);
  return d;
};

export const CORPUS_DEVICES = {
  /** A diagnostic cart in a European hospital (PTB-XL-like). */
  "cart-500-eu": {name: "cart-500-eu", fs: 500, highpassHz: 0.05, lowpassHz: 150, lsbMv: 0.001, mainsHz: 50, gainSd: 0.02, leadGainSd: 0.01, noise: {baseline: 1, emg: 1, motion: 1, powerline: 1}},
  "diagnostic-1000-eu": known("diagnostic-1000-eu"),
  "portable-500-eu": known("portable-500-eu"),
  /** A Chinese hospital cart with a narrower band (CPSC-like), noisier wards. */
  "cart-500-cn": {name: "cart-500-cn", fs: 500, highpassHz: 0.05, lowpassHz: 100, lsbMv: 0.001, mainsHz: 50, gainSd: 0.04, leadGainSd: 0.02, noise: {baseline: 1.2, emg: 1.3, motion: 1.2, powerline: 1.3}},
  /** Records exported through a GE MUSE system (Chapman-Shaoxing-like): coarse 4.88 uV step, 0.08 Hz coupling. */
  "muse-500-cn": {name: "muse-500-cn", fs: 500, highpassHz: 0.08, lowpassHz: 150, lsbMv: 0.00488, mainsHz: 50, gainSd: 0.03, leadGainSd: 0.015, noise: {baseline: 0.9, emg: 0.9, motion: 0.8, powerline: 0.8}},
  "diagnostic-500": known("diagnostic-500"),
  "monitor-250": known("monitor-250"),
  /** A research-grade 1 kHz recorder in a quiet US lab. */
  "research-1000-us": {name: "research-1000-us", fs: 1000, highpassHz: 0.05, lowpassHz: 250, lsbMv: 0.0005, mainsHz: 60, gainSd: 0.015, leadGainSd: 0.008, noise: {baseline: 0.7, emg: 0.7, motion: 0.6, powerline: 1}},
  /**
   * The label-scaling corpus (mimic-icd): hospital carts of a US academic centre (MIMIC-IV-ECG: 500 Hz, 10 s,
   * 5 uV step, 60 Hz mains), emergency-department and ward recordings a little noisier than a quiet lab.
   */
  "hospital-500-us": {name: "hospital-500-us", fs: 500, highpassHz: 0.05, lowpassHz: 150, lsbMv: 0.005, mainsHz: 60, gainSd: 0.03, leadGainSd: 0.015, noise: {baseline: 1.1, emg: 1.1, motion: 1.2, powerline: 1.1}}
} satisfies Record<string, DeviceProfile>;

export type CorpusDeviceName = keyof typeof CORPUS_DEVICES;
