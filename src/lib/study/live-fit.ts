// The Scaling page's live refit: fitRow (the loaders' own function) on the runs a reader kept,
// with the reader's options, plus bootstrap prediction bands for the charts. The bootstrap
// runs once: its intervals go into the row exactly as fitRow({resamples}) would put them, and
// its replicates give the bands.
import type {JointLawParams} from "../scaling/index.js";
import {curveGrid, jointLawBand, type BandPoint} from "./bands.js";
import {fitRowWithDraws, type TableRow} from "./fits.js";
import {lossPoints, type KeyedLossPoint} from "./points.js";
import type {RunRow} from "./run-row.js";

export interface LiveFitOptions {
  /** Huber delta on log residuals (default: the library's). */
  delta?: number;
  /** Fit the floor E (default true); false fixes E at 0. */
  floor?: boolean;
  /** Bootstrap resamples for intervals and bands (default 100). */
  resamples?: number;
  seed?: number;
  /** Points per band curve (default 40). */
  steps?: number;
}

export interface LiveFit {
  /** fitRow's row, with the bootstrap intervals. */
  row: TableRow;
  /** The fitted law, or null with the reason. */
  law: JointLawParams | null;
  reason: string | null;
  points: KeyedLossPoint[];
  /** Bands along N (one curve per D of the points) and along D (one per N); empty without a fit. */
  alongN: (BandPoint & {fixed: number})[];
  alongD: (BandPoint & {fixed: number})[];
  milliseconds: number;
}

export const LIVE_RESAMPLES = 100;

export function liveFit(rows: readonly RunRow[], family: string, dataset: string, options: LiveFitOptions = {}): LiveFit {
  const started = performance.now();
  const {delta, floor, resamples = LIVE_RESAMPLES, seed = 1, steps = 40} = options;
  const points = lossPoints(rows, family, dataset);
  // The loaders' own row (intervals, lack of fit, failed refits); its bootstrap replicates give the bands.
  const {row, law, samples} = fitRowWithDraws(rows, family, dataset, {delta, floor, resamples, seed});
  if (!row.ok || !law) return {row, law: null, reason: String(row.reason), points, alongN: [], alongD: [], milliseconds: performance.now() - started};
  // Without replicates the "band" is the curve itself (lo = hi = L).
  const Ns = [...new Set(points.map((p) => p.N))].sort((a, b) => a - b);
  const Ds = [...new Set(points.map((p) => p.D))].sort((a, b) => a - b);
  const band = (along: "N" | "D", range: [number, number], fixed: number[]) =>
    jointLawBand(law, samples, curveGrid(along, range, fixed, steps)).map((b) => ({...b, fixed: along === "N" ? b.D : b.N}));
  const alongN = band("N", [Ns[0]!, Ns[Ns.length - 1]!], Ds);
  const alongD = band("D", [Ds[0]!, Ds[Ds.length - 1]!], Ns);
  return {row, law, reason: null, points, alongN, alongD, milliseconds: performance.now() - started};
}
