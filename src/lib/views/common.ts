// The rows the report's pages draw, computed in plain JS from the loaders' tables, so that a
// page's charts draw as soon as its Parquet files arrive instead of waiting for DuckDB-wasm
// (34 MB to fetch and compile in every fresh page). Each function here is the twin of one SQL
// function of src/lib/sql/ (same name without "Sql", same columns, same order);
// test/unit/views-parity.test.ts runs both on the same tables and checks that they agree.
// DuckDB stays for the SQL editor (Runs page), which starts it in the background.
import type {Row} from "../db/arrow-rows.js";
import {oodColumn} from "../study/run-row.js";
import {allDatasets} from "../sql/common.js";

export type {Row};

/** The study's tables as plain rows (a table a page does not load is absent). */
export interface StudyRows {
  runs: Row[];
  curves?: Row[];
  fits?: Row[];
  transfer?: Row[];
  frontier?: Row[];
  iso_loss?: Row[];
  /** The OOD datasets of the runs table, in column order. */
  datasets: string[];
}

/** A finite number, or null (SQL's isfinite: null, NaN and infinities are not). */
export function finite(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The value of `column` in `row`, null when the table lacks the column (what completeStudyTables adds). */
export function cell(row: Row, column: string): unknown {
  const value = row[column];
  return value === undefined ? null : value;
}

/** Arithmetic that gives null when any operand is null, as SQL does. */
export function sqlNum(compute: (...xs: number[]) => number, ...xs: unknown[]): number | null {
  if (xs.some((x) => typeof x !== "number")) return null;
  return compute(...(xs as number[]));
}

type Key = string | number | boolean | null | undefined;

/** Compares like SQL's ORDER BY: nulls last, strings by code unit, false before true. */
export function compareKeys(a: Key, b: Key): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an && bn ? 0 : an ? 1 : -1;
  if (typeof a === "boolean" || typeof b === "boolean") return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A stable sort by several keys; prefix a key with `desc` for descending order. */
export function orderBy<T>(rows: T[], ...keys: ((row: T) => Key | {desc: Key})[]): T[] {
  return rows
    .map((row, i) => ({row, i}))
    .sort((x, y) => {
      for (const key of keys) {
        const a = key(x.row);
        const b = key(y.row);
        const desc = a !== null && typeof a === "object";
        const c = desc ? -compareKeys((a as {desc: Key}).desc, (b as {desc: Key}).desc) : compareKeys(a as Key, b as Key);
        if (c !== 0) return c;
      }
      return x.i - y.i;
    })
    .map((x) => x.row);
}

/** The sort key of a dataset: "id" first, then the OOD datasets in the study's order (datasetOrder in SQL). */
export function datasetRank(datasets: readonly string[]): (dataset: unknown) => number {
  const order = allDatasets(datasets);
  return (dataset) => {
    const i = order.indexOf(String(dataset));
    return i < 0 ? order.length : i;
  };
}

/** n values evenly spaced in log space from lo to hi (unitGridSql with logLerp). */
export function logGrid(lo: number, hi: number, n: number): number[] {
  return Array.from({length: n}, (_, i) => Math.exp(Math.log(lo) + (i / Math.max(1, n - 1)) * (Math.log(hi) - Math.log(lo))));
}

/** Groups rows by a string key, in first-seen order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Twin of lossLongSql: one row per run and dataset with a finite positive best loss. */
export function lossLong(runs: readonly Row[], datasets: readonly string[]): Row[] {
  const columns: [string, string, string][] = [["id", "best_id_loss", "best_id_auroc"], ...datasets.map((d): [string, string, string] => [d, oodColumn(d, "loss"), oodColumn(d, "auroc")])];
  return columns.flatMap(([dataset, loss, auroc]) =>
    runs.flatMap((r) => {
      const L = finite(cell(r, loss));
      if (L === null || !(L > 0)) return [];
      return [{
        key: r.key, family: r.family, size: r.size, N: r.params, D: r.records, C: r.flops, dataset, L, auroc: cell(r, auroc),
        best_val_loss: r.best_val_loss, final_train_loss: r.final_train_loss, steps_done: r.steps_done, stopped_early: r.stopped_early
      }];
    })
  );
}
