// Points that share an x value on a log axis (runs of one model size N at several data sizes D)
// are drawn on top of each other, so only one can be hovered or clicked. dodgeLog gives each
// value of a second variable its own small horizontal offset, in pixels turned into a factor on
// the log axis; the points keep their true values in tooltips and tables.

/**
 * x positions for `points`: point[x] moved by `step` px per rank of point[by] among the values
 * of `by`, centred on the true x. `domain` is the x axis's values, `pixels` its length. Only
 * points that share an x value with another point move.
 */
export function dodgeLog<T extends Record<string, unknown>>(points: readonly T[], x: string, by: string, domain: readonly unknown[], pixels: number, step = 4): Map<T, number> {
  const xs = domain.filter((v): v is number => typeof v === "number" && Number.isFinite(v) && v > 0);
  const out = new Map<T, number>();
  if (xs.length === 0 || !(pixels > 0)) return out;
  const span = Math.log(Math.max(...xs) / Math.min(...xs)) || 1;
  const ranks = [...new Set(points.map((p) => p[by] as number))].sort((a, b) => a - b);
  const shared = new Map<number, number>();
  for (const p of points) shared.set(p[x] as number, (shared.get(p[x] as number) ?? 0) + 1);
  for (const p of points) {
    const value = p[x] as number;
    if ((shared.get(value) ?? 0) < 2) continue;
    const offset = (ranks.indexOf(p[by] as number) - (ranks.length - 1) / 2) * step;
    out.set(p, value * Math.exp((offset / pixels) * span));
  }
  return out;
}
