// The fabricated study of study-tables.ts as the loaders' Parquet files (what a page fetches),
// opened two ways: in DuckDB-wasm's Node bundle with the pages' table completion (the SQL of
// src/lib/sql/) and decoded to plain rows with hyparquet (the twins of src/lib/views/).
import {runsParquet, curvesParquet} from "../../../data-loaders/runs/tables.js";
import {toParquet, type ColumnSpec} from "../../../data-loaders/parquet.js";
import {rectangular} from "../../../data-loaders/analysis/analyse-study.js";
import type {CurveRow, RunRow} from "../../../src/lib/study/run-row.js";
import {completeStudyTables} from "../../../src/lib/db/study-tables.js";
import type {Db} from "../../../src/lib/db/db.js";
import {studyRows, type StudyRows} from "../../../src/lib/views/study-rows.js";
import type {TableRow} from "../../../src/lib/study/fits.js";
import {OOD, analysis, fabricatedCurves} from "./study-tables.js";
import {openNodeDuckDB, toArrayBuffer} from "./duckdb-node.js";

const ISO_COLUMNS: ColumnSpec[] = [
  ...["family", "dataset", "kind"].map((name): ColumnSpec => ({name, type: "STRING"})),
  ...["N", "C", "D", "L"].map((name): ColumnSpec => ({name, type: "DOUBLE"}))
];

/** The six study files of `runs` (curves: fabricatedCurves unless given). */
export function studyFiles(runs: RunRow[], curves: CurveRow[] = fabricatedCurves(runs), families = [...new Set(runs.map((r) => r.family))]): Record<string, ArrayBuffer> {
  const tables = analysis(runs, families);
  const parquet = (rows: TableRow[]) => toArrayBuffer(toParquet(rectangular(rows)));
  return {
    runs: toArrayBuffer(runsParquet(runs, OOD)),
    curves: toArrayBuffer(curvesParquet(curves, OOD)),
    fits: parquet(tables.fits),
    transfer: parquet(tables.transfer),
    frontier: parquet(tables.frontier),
    iso_loss: toArrayBuffer(toParquet(rectangular(tables.isoLoss), tables.isoLoss.length ? undefined : ISO_COLUMNS))
  };
}

/** The files opened in DuckDB (as the pages set it up) and as plain rows (as the pages now draw). */
export async function openBothWays(files: Record<string, ArrayBuffer>): Promise<{db: Db; rows: StudyRows}> {
  const db = await openNodeDuckDB(files);
  await completeStudyTables(db, Object.keys(files));
  const rows = await studyRows(files as Parameters<typeof studyRows>[0]);
  return {db, rows};
}
