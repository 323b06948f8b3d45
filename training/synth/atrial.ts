/**
 * Continuous atrial activity that replaces P waves.
 *
 * AF: fibrillatory waves with a dominant frequency of 4-9 Hz (AF dominant frequencies cluster at 5-8 Hz;
 * Bollmann et al. 2006, Europace 8:911), slowly frequency- and amplitude-modulated, with a second harmonic,
 * following the sawtooth/sinusoid f-wave model of Stridh & Sörnmo 2001 (IEEE TBME 48:105). Amplitude
 * 0.03-0.15 mV ("fine" to "coarse" AF), pointing anteriorly so that V1 shows them best, as in real AF.
 *
 * Flutter: typical (cavotricuspid) flutter, a continuous sawtooth at 240-320 per minute, negative in II, III,
 * aVF and positive in V1 (counter-clockwise macro re-entry), synthesised from 4 Fourier harmonics.
 */
import type {Rng} from "../util/prng.js";
import {type Vec3, unit} from "./vec.js";

export interface FWaveParams {
  f0: number;
  fmDepth: number;
  fmHz: number;
  fmPhase: number;
  amp: number;
  amDepth: number;
  amHz: number;
  amPhase: number;
  harmonic: number;
  harmonicPhase: number;
  phase0: number;
  dir: Vec3;
}

export function drawFWaves(rng: Rng): FWaveParams {
  return {
    f0: rng.uniform(4.5, 8.5),
    fmDepth: rng.uniform(0.1, 0.5),
    fmHz: rng.uniform(0.05, 0.3),
    fmPhase: rng.uniform(0, 2 * Math.PI),
    amp: rng.logNormal(0.07, 0.4),
    amDepth: rng.uniform(0.1, 0.4),
    amHz: rng.uniform(0.1, 0.5),
    amPhase: rng.uniform(0, 2 * Math.PI),
    harmonic: rng.uniform(0.15, 0.4),
    harmonicPhase: rng.uniform(0, 2 * Math.PI),
    phase0: rng.uniform(0, 2 * Math.PI),
    dir: unit([rng.normal(-0.3, 0.15), rng.normal(0.35, 0.15), -0.85])
  };
}

/** Adds f-waves to the dipole, sampled at fs from t = 0. */
export function addFWaves(p: FWaveParams, fs: number, x: Float32Array, y: Float32Array, z: Float32Array): void {
  const n = x.length;
  const dt = 1 / fs;
  let phase = p.phase0;
  const a = p.amp;
  for (let i = 0; i < n; i++) {
    const t = i * dt;
    const f = p.f0 + p.fmDepth * Math.sin(2 * Math.PI * p.fmHz * t + p.fmPhase);
    phase += 2 * Math.PI * f * dt;
    const env = a * (1 + p.amDepth * Math.sin(2 * Math.PI * p.amHz * t + p.amPhase));
    const s = env * (Math.sin(phase) + p.harmonic * Math.sin(2 * phase + p.harmonicPhase));
    x[i]! += p.dir[0] * s;
    y[i]! += p.dir[1] * s;
    z[i]! += p.dir[2] * s;
  }
}

export interface FlutterParams {
  cycle: number;
  t0: number;
  amp: number;
  dir: Vec3;
}

export function drawFlutter(rng: Rng, cycle: number, t0: number): FlutterParams {
  return {cycle, t0, amp: rng.uniform(0.1, 0.22), dir: unit([rng.normal(0.05, 0.1), -0.75, -0.6])};
}

/** Adds the flutter sawtooth: slow descent, fast return (a reversed sawtooth in the inferior leads). */
export function addFlutterWaves(p: FlutterParams, fs: number, x: Float32Array, y: Float32Array, z: Float32Array): void {
  const n = x.length;
  const w = (2 * Math.PI) / p.cycle;
  for (let i = 0; i < n; i++) {
    const ph = w * (i / fs - p.t0);
    // Fourier series of a sawtooth, 4 harmonics (band-limited to < 25 Hz at the fastest flutter).
    let s = 0;
    for (let k = 1; k <= 4; k++) s += Math.sin(k * ph) / k;
    s *= p.amp * 0.6;
    x[i]! += p.dir[0] * s;
    y[i]! += p.dir[1] * s;
    z[i]! += p.dir[2] * s;
  }
}
