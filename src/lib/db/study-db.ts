// The DuckDB set-up for a page that queries the study's tables with SQL: DuckDB-wasm (eh bundle) with the study's
// Parquet tables, the analysis tables completed to their full set of columns, and the
// study's OOD datasets read off the runs table. (The analysis pages draw from src/lib/views
// instead, so their charts never wait for DuckDB-wasm to start.) A page passes its attachments by name:
//   import {duckdbEhBundle} from "./lib/db/eh-bundle.js";
//   import {openStudyDb} from "./lib/db/study-db.js";
//   const db = await openStudyDb(duckdbEhBundle, {
//     runs: await FileAttachment("data/runs.parquet").arrayBuffer(),
//     fits: await FileAttachment("data/fits.parquet").arrayBuffer()
//   });
//   const rows = await db.query(someSql(db.datasets));
// (FileAttachment must be called in the page itself: Framework finds attachments by reading
// the page's code.) Table names are SQL identifiers: iso-loss.parquet goes in as `iso_loss`.
// Browser-only (imports duckdb-wasm's async API); tests use test/unit/helpers/duckdb-node.ts
// and completeStudyTables, which is what this adds on top of openDuckDB.
import {openDuckDB, type DuckDBBundleUrls, type TableSources} from "./duckdb.js";
import type {Db} from "./db.js";
import {completeStudyTables} from "./study-tables.js";
import {oodDatasets} from "../study/run-row.js";

export type {Db, Row} from "./db.js";

export interface StudyDb extends Db {
  /** OOD datasets of the runs table (empty if no runs table was given). */
  datasets: string[];
}

export async function openStudyDb(bundle: DuckDBBundleUrls, tables: TableSources): Promise<StudyDb> {
  const db = await openDuckDB(bundle, tables);
  const columns = await completeStudyTables(db, Object.keys(tables));
  const datasets = oodDatasets((columns.get("runs") ?? []).map((c) => c.name));
  return {...db, datasets};
}
