/**
 * Beat schedules: when each QRS starts and what kind of beat it is, for every rhythm the corpus needs.
 *
 * Sinus rhythm follows McSharry et al. 2003: RR(t) = mean + Mayer-wave (LF, ~0.1 Hz) + respiratory sinus
 * arrhythmia (HF, at the record's breathing rate, ~0.25 Hz) with LF/HF power ratio 0.5. Each band is a few
 * sinusoids with Gaussian-distributed frequencies (sd 0.01 Hz) and Rayleigh amplitudes, which is the
 * random-phase spectral synthesis of ECGSYN restricted to a 10-s window. Beats follow t_{k+1} = t_k + RR(t_k).
 *
 * Atrial fibrillation: "irregularly irregular" ventricular response, RR intervals independent log-normal
 * (coefficient of variation 0.15-0.3; Tateno & Glass 2001 report AF RR CVs well above 0.1).
 * Atrial flutter: atrial cycle 190-250 ms conducted 2:1, 4:1 or variably. SVT: regular, 150-210 bpm.
 * Ectopy: PVCs at 50-70% coupling with a full compensatory pause (the sinus node is not reset), PACs at
 * 60-85% coupling that reset the sinus node (non-compensatory pause).
 */
import type {Rng} from "../util/prng.js";

export type BeatKind = "N" | "A" | "V" | "AF" | "FL" | "SVT";
export const BEAT_KINDS: readonly BeatKind[] = ["N", "A", "V", "AF", "FL", "SVT"];

export type RhythmKind = "sinus" | "af" | "flutter" | "svt";

export interface ScheduledBeat {
  /** QRS onset, seconds from the record start (may be negative or past the end: edge beats). */
  onset: number;
  kind: BeatKind;
  /** Interval from the previous QRS onset (s): drives QT and PR adaptation. */
  rrPrev: number;
}

export interface Schedule {
  beats: ScheduledBeat[];
  /** Sinus P waves whose beat was not conducted (hidden in a PVC): onset times of their QRS slot. */
  blockedP: number[];
  /** Flutter: atrial cycle length and phase (time of one F-wave trough), else null. */
  flutter: null | {cycle: number; t0: number};
}

export interface SinusOptions {
  hr: number;
  /** RR coefficient of variation from LF + HF components, and the HF share boost for sinus arrhythmia. */
  cv: number;
  respHz: number;
  /** Extra respiratory modulation (relative amplitude of RR) for sinus arrhythmia, else 0. */
  rsaBoost: number;
  pvcRate: number;
  pacRate: number;
  /** Force at least one ectopic of each kind whose rate is > 0. */
  forceEctopy: boolean;
}

const MARGIN = 1.5; // seconds of beats rendered before 0 and after the end

interface Sinusoid {
  f: number;
  a: number;
  ph: number;
}

/** A band of K sinusoids: frequencies ~ N(fc, sd), Rayleigh amplitudes with total variance `variance`. */
function band(rng: Rng, fc: number, sd: number, variance: number, K: number): Sinusoid[] {
  const out: Sinusoid[] = [];
  for (let k = 0; k < K; k++) {
    const u = Math.max(1e-12, rng.next());
    out.push({f: Math.max(0.01, rng.normal(fc, sd)), a: Math.sqrt((-2 * variance * Math.log(u)) / K), ph: rng.uniform(0, 2 * Math.PI)});
  }
  return out;
}

/** Sinus rhythm, optionally with PVCs and PACs; mean rate in the window rescaled to exactly `hr`. */
export function sinusSchedule(rng: Rng, duration: number, o: SinusOptions): Schedule {
  const rrMean = 60 / o.hr;
  // McSharry: LF/HF = 0.5 -> HF variance 2/3, LF 1/3 of the total.
  const total = o.cv * o.cv;
  const comps = [...band(rng, 0.1, 0.01, total / 3, 3), ...band(rng, o.respHz, 0.01, (2 * total) / 3, 3)];
  if (o.rsaBoost > 0) comps.push({f: o.respHz, a: o.rsaBoost * Math.SQRT2, ph: rng.uniform(0, 2 * Math.PI)});
  const rrAt = (t: number): number => {
    let m = 0;
    for (const c of comps) m += c.a * Math.sin(2 * Math.PI * c.f * t + c.ph);
    return rrMean * Math.max(0.6, 1 + m);
  };
  const times: number[] = [];
  let t = -MARGIN - rng.uniform(0, rrMean);
  while (t < duration + MARGIN) {
    times.push(t);
    t += rrAt(t);
  }
  const beats: ScheduledBeat[] = times.map((x, i) => ({onset: x, kind: "N", rrPrev: i > 0 ? x - times[i - 1]! : rrMean}));
  const blockedP: number[] = [];
  if (o.pvcRate > 0 || o.pacRate > 0) insertEctopy(rng, beats, blockedP, duration, o);
  // Rescale so that the mean RR of the beats inside the window (ectopics included, as a rate measured from
  // the R peaks would count them) is exactly the target: the SB / ST labels keep their margin.
  const inside = beats.filter((b) => b.onset >= 0 && b.onset < duration);
  if (inside.length >= 2) {
    const meanRR = (inside[inside.length - 1]!.onset - inside[0]!.onset) / (inside.length - 1);
    const k = rrMean / meanRR;
    for (const b of beats) {
      b.onset *= k;
      b.rrPrev *= k;
    }
    for (let i = 0; i < blockedP.length; i++) blockedP[i]! *= k;
  }
  while (beats.length > 0 && beats[beats.length - 1]!.onset > duration + MARGIN) beats.pop();
  return {beats, blockedP, flutter: null};
}

function insertEctopy(rng: Rng, beats: ScheduledBeat[], blockedP: number[], duration: number, o: SinusOptions): void {
  const eligible = (i: number): boolean => i >= 1 && i < beats.length - 1 && beats[i - 1]!.kind === "N" && beats[i]!.kind === "N";
  const plan: ("V" | "A" | null)[] = beats.map((_, i) => {
    if (!eligible(i)) return null;
    const u = rng.next();
    return u < o.pvcRate ? "V" : u < o.pvcRate + o.pacRate ? "A" : null;
  });
  if (o.forceEctopy) {
    // Guarantee one ectopic of each requested kind inside the visible window.
    const inWindow = beats.map((b, i) => i).filter((i) => beats[i]!.onset > 0.5 && beats[i]!.onset < duration - 0.8 && eligible(i));
    for (const [kind, rate] of [["V", o.pvcRate], ["A", o.pacRate]] as const) {
      if (rate > 0 && !plan.some((p, i) => p === kind && beats[i]!.onset > 0 && beats[i]!.onset < duration - 0.3) && inWindow.length > 0) {
        const free = inWindow.filter((i) => plan[i] === null && plan[i - 1] === null && plan[i + 1] !== undefined);
        if (free.length > 0) plan[free[Math.floor(rng.next() * free.length)]!] = kind;
      }
    }
  }
  for (let i = 1; i < beats.length - 1; i++) {
    const kind = plan[i];
    if (!kind || beats[i - 1]!.kind !== "N") continue;
    const prev = beats[i - 1]!;
    const rr = beats[i]!.onset - prev.onset;
    if (kind === "V") {
      // The sinus P still fires on time but is not conducted; the next sinus beat keeps its slot.
      blockedP.push(beats[i]!.onset);
      const onset = prev.onset + rng.uniform(0.5, 0.7) * rr;
      beats[i] = {onset, kind: "V", rrPrev: onset - prev.onset};
      beats[i + 1]!.rrPrev = beats[i + 1]!.onset - onset;
    } else {
      // A PAC resets the sinus node: every later beat moves earlier by the prematurity.
      const onset = prev.onset + rng.uniform(0.6, 0.85) * rr;
      const shift = beats[i]!.onset - onset;
      beats[i] = {onset, kind: "A", rrPrev: onset - prev.onset};
      const reset = rr * rng.uniform(0.0, 0.1); // slightly longer return cycle
      for (let j = i + 1; j < beats.length; j++) beats[j]!.onset += -shift + reset;
      beats[i + 1]!.rrPrev = beats[i + 1]!.onset - onset;
    }
    i++; // no couplets
  }
  // Drop beats pushed past the rendering margin.
  while (beats.length > 0 && beats[beats.length - 1]!.onset > duration + MARGIN) beats.pop();
}

export function afSchedule(rng: Rng, duration: number, hr: number, cvLog: number, pvcRate: number): Schedule {
  const rrMean = 60 / hr;
  const beats: ScheduledBeat[] = [];
  let t = -MARGIN - rng.uniform(0, rrMean);
  let prev = rrMean;
  while (t < duration + MARGIN) {
    const kind: BeatKind = pvcRate > 0 && beats.length > 0 && rng.next() < pvcRate ? "V" : "AF";
    beats.push({onset: t, kind, rrPrev: prev});
    let rr = rrMean * Math.exp(cvLog * rng.normal() - (cvLog * cvLog) / 2);
    rr = Math.min(2.2, Math.max(0.3, rr));
    prev = rr;
    t += rr;
  }
  return {beats, blockedP: [], flutter: null};
}

export function flutterSchedule(rng: Rng, duration: number): Schedule {
  const cycle = rng.uniform(0.19, 0.25);
  const pattern = rng.pick(["2:1", "4:1", "variable", "3:1"] as const, [0.6, 0.2, 0.15, 0.05]);
  const t0 = -MARGIN - rng.uniform(0, cycle);
  const avDelay = rng.uniform(0.12, 0.2);
  const beats: ScheduledBeat[] = [];
  let k = 0;
  let prevOnset = NaN;
  while (true) {
    const ratio = pattern === "2:1" ? 2 : pattern === "4:1" ? 4 : pattern === "3:1" ? 3 : rng.bernoulli(0.5) ? 2 : 4;
    const onset = t0 + k * cycle + avDelay;
    if (onset > duration + MARGIN) break;
    beats.push({onset, kind: "FL", rrPrev: Number.isNaN(prevOnset) ? ratio * cycle : onset - prevOnset});
    prevOnset = onset;
    k += ratio;
  }
  return {beats, blockedP: [], flutter: {cycle, t0}};
}

export function svtSchedule(rng: Rng, duration: number, hr: number): Schedule {
  const rr = 60 / hr;
  const beats: ScheduledBeat[] = [];
  let t = -MARGIN - rng.uniform(0, rr);
  while (t < duration + MARGIN) {
    beats.push({onset: t, kind: "SVT", rrPrev: rr});
    t += rr * (1 + rng.normal(0, 0.004));
  }
  return {beats, blockedP: [], flutter: null};
}
