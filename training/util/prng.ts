/**
 * The library's one random-number generator (the synthetic corpus, training's sampling, evaluation's held-out
 * draws, the codebook's k-means): xoshiro128** (Blackman & Vigna 2018, "Scrambled linear
 * pseudorandom number generators", https://prng.di.unimi.it/xoshiro128starstar.c), seeded through
 * splitmix32 so that any 32-bit seed gives a well-mixed 128-bit state.
 *
 * Why not mulberry32: its single 2^32 cycle means that millions of records drawing ~10^4 numbers each
 * would share overlapping stretches; xoshiro128** has period 2^128 - 1 at the same cost in 32-bit ops.
 *
 * Every record gets its own stream derived from (corpus seed, patient, record) by `deriveSeed`, so a
 * record is reproducible on its own, independent of generation order or parallelism.
 */

/** murmur3's 32-bit finaliser: a cheap bijective mix used to combine seed parts. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed from any list of non-negative integers (and short strings), order-sensitive. */
export function deriveSeed(...parts: (number | string)[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    if (typeof part === "string") {
      for (let i = 0; i < part.length; i++) h = fmix32(h ^ Math.imul(part.charCodeAt(i) + 1, 0x27d4eb2f));
    } else {
      // Split numbers above 2^32 into two words so large record indices stay distinct.
      const lo = part >>> 0;
      const hi = Math.floor(part / 4294967296) >>> 0;
      h = fmix32(h ^ Math.imul(lo + 0x165667b1, 0xcc9e2d51));
      h = fmix32(h ^ Math.imul(hi + 0x27d4eb2f, 0x1b873593));
    }
    h = fmix32(h + 0x6a09e667);
  }
  return h >>> 0;
}

/** Standard normal quantiles at (i + 0.5) / 2^16: two table normals per 32-bit draw for bulk noise. */
const NORMAL_TABLE_BITS = 16;
let normalTable: Float32Array | null = null;

/** Acklam's rational approximation of the normal quantile (relative error < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - plow) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * 4096 normal quantiles in a fixed pseudo-random order (Fisher-Yates with a fixed xoshiro stream), for the
 * table walk below. Small enough (16 kB) to stay in the L1 cache, which a random walk through the 2^16 table
 * does not; 4096 levels (tails cut at 3.5 sd) are plenty for additive muscle noise.
 */
const WALK_BITS = 12;
let shuffledTable: Float32Array | null = null;
function getShuffledNormalTable(): Float32Array {
  if (shuffledTable) return shuffledTable;
  const n = 1 << WALK_BITS;
  const t = new Float32Array(n);
  for (let i = 0; i < n; i++) t[i] = normalQuantile((i + 0.5) / n);
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += t[i]! * t[i]!;
  const k = 1 / Math.sqrt(s2 / n);
  for (let i = 0; i < n; i++) t[i]! *= k;
  const r = new Rng(0x5eed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    const v = t[i]!;
    t[i] = t[j]!;
    t[j] = v;
  }
  shuffledTable = t;
  return t;
}

function getNormalTable(): Float32Array {
  if (normalTable) return normalTable;
  const n = 1 << NORMAL_TABLE_BITS;
  const t = new Float32Array(n);
  for (let i = 0; i < n; i++) t[i] = normalQuantile((i + 0.5) / n);
  // Rescale to unit variance exactly (the midpoint quantiles slightly under-represent the tails).
  let s = 0;
  for (let i = 0; i < n; i++) s += t[i]! * t[i]!;
  const k = 1 / Math.sqrt(s / n);
  for (let i = 0; i < n; i++) t[i]! *= k;
  normalTable = t;
  return t;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = NaN;

  constructor(seed: number) {
    // splitmix32 expands the seed into four non-zero words.
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal by Box-Muller (exact; for parameters, not bulk noise). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return mean + sd * z;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Normal truncated to [lo, hi] by rejection (falls back to clamping after 32 tries). */
  truncNormal(mean: number, sd: number, lo: number, hi: number): number {
    for (let i = 0; i < 32; i++) {
      const x = this.normal(mean, sd);
      if (x >= lo && x <= hi) return x;
    }
    return Math.min(hi, Math.max(lo, mean));
  }

  /** exp(N(log(median), sigma)): a positive factor around `median`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** One of `items`, with optional weights. */
  pick<T>(items: readonly T[], weights?: readonly number[]): T {
    if (!weights) return items[Math.floor(this.next() * items.length)]!;
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      u -= weights[i]!;
      if (u < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /**
   * Fill `out` with standard normals from a 2^16-entry quantile table, two per 32-bit draw. The table
   * distribution is a 65536-level discretisation of N(0, 1): indistinguishable for additive noise, and
   * ~10x cheaper than Box-Muller, which matters at 2,000 records per second.
   */
  fillNormals(out: Float32Array, scale = 1): void {
    const t = getNormalTable();
    const n = out.length;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const u = this.nextU32();
      out[i] = t[u & 0xffff]! * scale;
      out[i + 1] = t[u >>> 16]! * scale;
    }
    if (i < n) out[i] = t[this.nextU32() & 0xffff]! * scale;
  }

  /**
   * Adds `scale` x normals to `out` along a random walk through a fixed, shuffled table of 4096 normal
   * quantiles (random start, random odd stride: 4096 distinct entries before any repeat, more than one
   * electrode's 10 s at 250 Hz). Two 32-bit draws per call instead of one per two samples: the cheapest way to
   * make 9 electrodes x 1000 samples of muscle noise per record.
   */
  addNormalWalk(out: Float32Array, scale = 1): void {
    const t = getShuffledNormalTable();
    const mask = (1 << WALK_BITS) - 1;
    const n = out.length;
    let idx = this.nextU32() & mask;
    const stride = (this.nextU32() | 1) & mask;
    for (let i = 0; i < n; i++) {
      out[i]! += t[idx]! * scale;
      idx = (idx + stride) & mask;
    }
  }

}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
