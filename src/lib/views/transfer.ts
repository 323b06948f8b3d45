// Twins of src/lib/sql/transfer.ts (see common.ts): the runs' ID and OOD losses with their
// excesses over the floors, the fitted transfer laws as curves and table, and mean kappa.
import {cell, datasetRank, finite, groupBy, logGrid, lossLong, orderBy, type Row} from "./common.js";

const TABLE_COLUMNS = ["family", "dataset", "ok", "reason", "kappa", "kappa_lo", "kappa_hi", "K", "K_lo", "K_hi", "r2_log", "n", "dropped", "E_id", "E_ood"];

/** transferPairsSql: one row per run and OOD dataset with both losses and, where fitted, the excesses. */
export function transferPairs(runs: readonly Row[], transfer: readonly Row[], datasets: readonly string[]): Row[] {
  const pts = lossLong(runs, datasets);
  const idLoss = new Map(pts.filter((p) => p.dataset === "id").map((p) => [p.key as string, p.L as number]));
  const floors = new Map(
    transfer.filter((t) => t.ok === true && finite(cell(t, "E_id")) !== null && finite(cell(t, "E_ood")) !== null).map((t) => [`${t.family}\u0000${t.dataset}`, t])
  );
  const rows = pts
    .filter((p) => p.dataset !== "id" && idLoss.has(p.key as string))
    .map((p) => {
      const L_id = idLoss.get(p.key as string)!;
      const t = floors.get(`${p.family}\u0000${p.dataset}`);
      const E_id = t ? (t.E_id as number) : null;
      const E_ood = t ? (t.E_ood as number) : null;
      const excess = (L: number, E: number | null) => (E !== null && L - E > 0 ? L - E : null);
      return {
        key: p.key, family: p.family, size: p.size, N: p.N, D: p.D, dataset: p.dataset, L_id, L_ood: p.L, E_id, E_ood,
        excess_id: excess(L_id, E_id), excess_ood: excess(p.L as number, E_ood), fitted: E_id !== null
      };
    });
  const rank = datasetRank(datasets);
  return orderBy(rows, (r) => r.family as string, (r) => rank(r.dataset), (r) => r.N as number, (r) => r.D as number);
}

/** transferCurvesSql: each fitted law over its range of positive ID excess. */
export function transferCurves(runs: readonly Row[], transfer: readonly Row[], datasets: readonly string[], steps = 40): Row[] {
  const both = transferPairs(runs, transfer, datasets).filter((p) => p.excess_id !== null && p.excess_ood !== null);
  const ranges = groupBy(both, (p) => `${p.family}\u0000${p.dataset}`);
  const rows = transfer
    .filter((t) => t.ok === true && finite(t.kappa) !== null && finite(t.K) !== null)
    .flatMap((t) => {
      const mine = ranges.get(`${t.family}\u0000${t.dataset}`);
      if (!mine) return [];
      const xs = mine.map((p) => p.excess_id as number);
      return logGrid(Math.min(...xs), Math.max(...xs), steps).map((x) => ({family: t.family, dataset: t.dataset, excess_id: x, excess_ood: (t.K as number) * x ** (t.kappa as number)}));
    });
  const rank = datasetRank(datasets);
  return orderBy(rows, (r) => r.family as string, (r) => rank(r.dataset), (r) => r.excess_id as number);
}

/** transferTableSql: kappa with its interval per family and OOD dataset, or the reason. */
export function transferTable(transfer: readonly Row[], datasets: readonly string[]): Row[] {
  const rows = transfer.map((t) => Object.fromEntries(TABLE_COLUMNS.map((c) => [c, c === "ok" ? cell(t, c) ?? false : cell(t, c)])));
  const rank = datasetRank(datasets);
  return orderBy(rows, (r) => r.family as string, (r) => rank(r.dataset));
}

/** kappaByFamilySql: mean kappa per family over the datasets where it was fitted. */
export function kappaByFamily(transfer: readonly Row[]): Row[] {
  const fitted = transfer.filter((t) => t.ok === true && finite(t.kappa) !== null);
  const rows = [...groupBy(fitted, (t) => t.family as string)].map(([family, ts]) => ({
    family,
    kappa: ts.reduce((s, t) => s + (t.kappa as number), 0) / ts.length,
    datasets: ts.length
  }));
  return orderBy(rows, (r) => r.family);
}
