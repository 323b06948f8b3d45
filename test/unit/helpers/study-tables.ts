// A small fabricated study for the SQL tests: runs generated from known laws (two families,
// 3 N x 3 D each, one OOD dataset), curves, and the analysis tables (fits, transfer, frontier,
// iso-loss) computed from them by the loaders' own functions, all written as Parquet the way
// the loaders write them, then opened in DuckDB-wasm's Node bundle with the pages' set-up.
import {runsParquet, curvesParquet} from "../../../data-loaders/runs/tables.js";
import {toParquet, type ColumnSpec} from "../../../data-loaders/parquet.js";
import {rectangular} from "../../../data-loaders/analysis/analyse-study.js";
import {allocationColumns, fitRow, frontierRow, isoLossRows, transferRow, type TableRow} from "../../../src/lib/study/fits.js";
import {lawFormsRow} from "../../../src/lib/study/law-forms.js";
import {oodColumn, type CurveRow, type RunRow} from "../../../src/lib/study/run-row.js";
import {completeStudyTables} from "../../../src/lib/db/study-tables.js";
import type {Db} from "../../../src/lib/db/db.js";
import {openNodeDuckDB, toArrayBuffer} from "./duckdb-node.js";

export const OOD = ["sex"];
export const LAWS: Record<string, {E: number; A: number; alpha: number; B: number; beta: number}> = {
  "resnet-sl": {E: 0.3, A: 40, alpha: 0.45, B: 25, beta: 0.35},
  "transformer-ssl": {E: 1.5, A: 60, alpha: 0.3, B: 10, beta: 0.2}
};
export const NS = [5e3, 3e4, 2e5];
export const DS = [250, 1000, 4000];

export function fabricatedRuns(families = Object.keys(LAWS)): RunRow[] {
  const rows: RunRow[] = [];
  let k = 0;
  for (const family of families) {
    const law = LAWS[family]!;
    for (const N of NS) {
      for (const D of DS) {
        const wiggle = 1 + 0.01 * Math.sin(++k * 1.7);
        const id = (law.E + law.A / N ** law.alpha + law.B / D ** law.beta) * wiggle;
        const ood = 0.5 + 1.5 * (id - law.E) ** 0.8;
        rows.push({
          key: `${family}-${N}-${D}`, study: "fake", family, architecture: family.split("-")[0]!, paradigm: family.split("-")[1]!, size: `s${NS.indexOf(N)}`,
          params: N, records: D, steps: 0.3 * D, steps_done: 0.3 * D, batch: 16, learning_rate: 1e-3, seed: 0,
          macs: 300 * N ** 0.9, flops: 6 * 300 * N ** 0.9 * 16 * 0.3 * D, stopped_early: false,
          chosen_step: null, id_loss_se: null, best_val_loss: id * 1.02, best_id_loss: id, best_id_auroc: 0.8, final_id_loss: id, final_id_auroc: 0.8, final_train_loss: id * (1 - 200 / D),
          backend: "wasm", backend_version: "4.22.0", threads: 1, wall_seconds: 10, samples_per_second: 100,
          [oodColumn("sex", "loss")]: ood, [oodColumn("sex", "auroc")]: 0.7
        });
      }
    }
  }
  return rows;
}

/** Three evaluations per run, at a third, two thirds and all of its steps; losses fall to the run's best at the end. */
export function fabricatedCurves(runs: RunRow[]): CurveRow[] {
  return runs.flatMap((r) =>
    [1 / 3, 2 / 3, 1].map((f) => ({
      key: r.key, family: r.family, params: r.params, records: r.records, step: Math.round(r.steps_done * f), seconds: Math.round(r.steps_done * f) / 10,
      train_loss: r.final_train_loss * (1 + 1 / (3 * f) - 1 / 3), val_loss: r.best_val_loss * (1 + 1 / (6 * f) - 1 / 6),
      id_loss: r.best_id_loss * (1 + 0.2 * (1 - f)), id_loss_se: null, id_auroc: 0.8,
      [oodColumn("sex", "loss")]: (r[oodColumn("sex", "loss")] as number) * (1 + 0.1 * (1 - f)), [oodColumn("sex", "auroc")]: 0.7
    }))
  );
}

/** The analysis tables exactly as data-loaders/analysis/analyse-study.ts computes them (fewer resamples). */
export function analysis(runs: RunRow[], families: string[], resamples = 50) {
  const datasets = ["id", ...OOD];
  const fits: TableRow[] = [];
  const transfer: TableRow[] = [];
  const frontier: TableRow[] = [];
  const isoLoss: TableRow[] = [];
  for (const family of families) {
    for (const dataset of datasets) {
      const fit = fitRow(runs, family, dataset, {resamples});
      const law = fit.ok ? {E: fit.E as number, A: fit.A as number, alpha: fit.alpha as number, B: fit.B as number, beta: fit.beta as number} : undefined;
      fits.push(law ? {...fit, ...allocationColumns(runs, family, law)} : fit);
      frontier.push(frontierRow(runs, fabricatedCurves(runs), family, dataset, {resamples}));
      if (law) isoLoss.push(...isoLossRows(runs, family, dataset, law, 8));
    }
    const floor = (dataset: string) => fits.find((f) => f.family === family && f.dataset === dataset && f.ok)?.E as number | undefined;
    for (const dataset of OOD) transfer.push(transferRow(runs, family, dataset, {id: floor("id"), ood: floor(dataset)}, {resamples}));
  }
  return {fits, transfer, frontier, isoLoss};
}

/** The law-forms table of fabricated runs (no extrapolation folds: the fabricated grids are small). */
export function lawFormRows(runs: RunRow[], families: string[]): TableRow[] {
  return families.flatMap((family) => ["id", ...OOD].map((dataset) => lawFormsRow(runs, family, dataset, {extrapolation: false})));
}

const ISO_COLUMNS: ColumnSpec[] = [
  ...["family", "dataset", "kind"].map((name): ColumnSpec => ({name, type: "STRING"})),
  ...["N", "C", "D", "L"].map((name): ColumnSpec => ({name, type: "DOUBLE"}))
];

/** Opens the fabricated study in DuckDB (Node bundle) with the pages' table completion. */
export async function openFabricatedStudy(runs: RunRow[], families: string[] = [...new Set(runs.map((r) => r.family))]): Promise<{db: Db; tables: ReturnType<typeof analysis>}> {
  const tables = analysis(runs, families);
  const parquet = (rows: TableRow[]) => toArrayBuffer(toParquet(rectangular(rows)));
  const files: Record<string, ArrayBuffer> = {
    runs: toArrayBuffer(runsParquet(runs, OOD)),
    curves: toArrayBuffer(curvesParquet(fabricatedCurves(runs), OOD)),
    fits: parquet(tables.fits),
    transfer: parquet(tables.transfer),
    frontier: parquet(tables.frontier),
    iso_loss: toArrayBuffer(toParquet(rectangular(tables.isoLoss), tables.isoLoss.length ? undefined : ISO_COLUMNS))
  };
  const db = await openNodeDuckDB(files);
  await completeStudyTables(db, Object.keys(files));
  return {db, tables};
}
