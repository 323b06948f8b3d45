// Log-axis ticks that fit the axis: logAxis (study-style.ts) picks round values over the data,
// and on a narrow panel or a horizontal axis their labels ran together ("50k100k200k"). fitLogAxis
// keeps only the ticks whose labels do not collide at the axis's length in pixels, powers of ten
// first, then 5s, then 2s, then the rest.
import {logAxis, logTickFormat} from "./study-style.js";

/** Approximate width of a tick label in pixels (Plot's 10 px sans-serif). */
export function labelWidth(text: string): number {
  return text.length * 6.2;
}

/** Lower is kept first: 1 x 10^k, then 5, then 2, then any other value. */
function priority(tick: number): number {
  const mantissa = tick / 10 ** Math.floor(Math.log10(tick) + 1e-9);
  const m = Math.round(mantissa * 1e6) / 1e6;
  return m === 1 ? 0 : m === 5 ? 1 : m === 2 ? 2 : 3;
}

/**
 * The ticks of a log axis over [lo, hi] (the axis's domain) that can all be labelled at
 * `pixels` length: `orientation` "x" compares label widths, "y" label heights (with `gap` px
 * between labels). Never fewer than one tick.
 */
export function thinLogTicks(ticks: readonly number[], domain: [number, number], pixels: number, format: (d: number) => string, orientation: "x" | "y" = "x", gap = 8): number[] {
  const [lo, hi] = domain;
  if (ticks.length <= 1 || !(hi > lo) || !(pixels > 0)) return [...ticks];
  const scale = pixels / Math.log(hi / lo);
  const size = (t: number) => (orientation === "x" ? labelWidth(format(t)) : 12);
  const kept: number[] = [];
  const order = [...ticks].sort((a, b) => priority(a) - priority(b) || a - b);
  for (const t of order) {
    const fits = kept.every((k) => Math.abs(Math.log(t / k)) * scale >= (size(t) + size(k)) / 2 + gap);
    if (fits) kept.push(t);
  }
  return kept.sort((a, b) => a - b);
}

/** logAxis over `values` with its ticks thinned to fit an axis `pixels` long. */
export function fitLogAxis(values: readonly unknown[], pixels: number, format: (d: number) => string = logTickFormat, orientation: "x" | "y" = "x", count = 4): ReturnType<typeof logAxis> {
  const axis = logAxis(values, format, count);
  const v = values.filter((x): x is number => typeof x === "number" && Number.isFinite(x) && x > 0);
  if (v.length === 0) return axis;
  return {...axis, ticks: thinLogTicks(axis.ticks, [Math.min(...v), Math.max(...v)], pixels, format, orientation)};
}
