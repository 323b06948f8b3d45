// Twins of src/lib/sql/performance.ts (see common.ts): OOD points, each family's best run along
// N or D, the winner per bin, win counts and the probes compared with the baselines.
import {oodColumn, oodConstantColumn, oodSeColumn} from "../study/run-row.js";
import {cell, datasetRank, finite, groupBy, lossLong, orderBy, type Row} from "./common.js";

const oodLong = (runs: readonly Row[], datasets: readonly string[]) => lossLong(runs, datasets).filter((p) => p.dataset !== "id");

/** The row of `rows` with the smallest L (the first of equals): SQL's arg_min. */
function argMin(rows: readonly Row[]): Row {
  return rows.reduce((best, r) => ((r.L as number) < (best.L as number) ? r : best));
}

/** oodPointsSql: every run's best loss on each OOD dataset. */
export function oodPoints(runs: readonly Row[], datasets: readonly string[]): Row[] {
  const rank = datasetRank(datasets);
  return orderBy(oodLong(runs, datasets), (r) => rank(r.dataset), (r) => r.family as string, (r) => r.N as number, (r) => r.D as number);
}

/** bestAlongSql: the best loss of each family at each N (or D), per OOD dataset. */
export function bestAlong(runs: readonly Row[], datasets: readonly string[], by: "N" | "D"): Row[] {
  const groups = groupBy(oodLong(runs, datasets), (p) => `${p.dataset}\u0000${p.family}\u0000${p[by]}`);
  const rows = [...groups.values()].map((g) => {
    const best = argMin(g);
    return {dataset: best.dataset, family: best.family, x: best[by], L: best.L, key: best.key};
  });
  const rank = datasetRank(datasets);
  return orderBy(rows, (r) => rank(r.dataset), (r) => r.family as string, (r) => r.x as number);
}

/** binRanksSql: each family's best loss per bin of N (or D) and OOD dataset, ranked within the bin. */
export function binRanks(runs: readonly Row[], datasets: readonly string[], by: "N" | "D", bins: number): Row[] {
  const pts = oodLong(runs, datasets);
  if (pts.length === 0) return [];
  const logs = pts.map((p) => Math.log(p[by] as number));
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  const binOf = (x: number) => Math.min(bins - 1, Math.floor(((Math.log(x) - lo) / Math.max(hi - lo, 1e-12)) * bins));
  const best = [...groupBy(pts, (p) => `${p.dataset}\u0000${binOf(p[by] as number)}\u0000${p.family}`).values()].map((g) => {
    const b = argMin(g);
    return {dataset: b.dataset, bin: binOf(b[by] as number), family: b.family, L: b.L, key: b.key, N: b.N, D: b.D};
  });
  const rows = [...groupBy(best, (b) => `${b.dataset}\u0000${b.bin}`).values()].flatMap((cellRows) => {
    const ranked = orderBy(cellRows, (r) => r.L as number, (r) => r.family as string);
    return ranked.map((r, i) => ({
      ...r, rank: i + 1, families: ranked.length, margin: i + 1 < ranked.length ? (ranked[i + 1]!.L as number) - (r.L as number) : null,
      bin_lo: Math.exp(lo + (r.bin * (hi - lo)) / bins), bin_hi: Math.exp(lo + ((r.bin + 1) * (hi - lo)) / bins)
    }));
  });
  const rank = datasetRank(datasets);
  return orderBy(rows, (r) => rank(r.dataset), (r) => r.bin, (r) => r.rank);
}

/** winCountsSql: how many (dataset, bin) cells each family wins. */
export function winCounts(runs: readonly Row[], datasets: readonly string[], by: "N" | "D", bins: number): Row[] {
  const winners = binRanks(runs, datasets, by, bins).filter((r) => r.rank === 1);
  const rows = [...groupBy(winners, (r) => r.family as string)].map(([family, ws]) => ({family, wins: ws.length}));
  return orderBy(rows, (r) => ({desc: r.wins}), (r) => r.family);
}

/** oodProbesSql: every run's probe on each OOD dataset, for the comparison with the baselines. */
export function oodProbes(runs: readonly Row[], datasets: readonly string[]): Row[] {
  return datasets.flatMap((d) =>
    runs
      .filter((r) => finite(cell(r, oodColumn(d, "loss"))) !== null)
      .map((r) => ({
        key: r.key, family: r.family, N: r.params, D: r.records, dataset: d, loss: cell(r, oodColumn(d, "loss")),
        lossSe: cell(r, oodSeColumn(d)), auroc: cell(r, oodColumn(d, "auroc")), constantLoss: cell(r, oodConstantColumn(d))
      }))
  );
}
