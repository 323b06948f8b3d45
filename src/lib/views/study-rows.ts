// The study's Parquet tables (the loaders' files, as a page fetches them) decoded to plain rows
// with hyparquet: what the pages draw from, without DuckDB. Table names as in SQL (iso_loss).
import {parquetTable} from "../db/parquet-rows.js";
import {oodDatasets} from "../study/run-row.js";
import type {Row, StudyRows} from "./common.js";

export type {StudyRows};

type Source = ArrayBuffer | Promise<ArrayBuffer>;

/** Decodes the given tables (runs is required); the runs table's columns name the OOD datasets. */
export async function studyRows(sources: {runs: Source} & Partial<Record<"curves" | "fits" | "transfer" | "frontier" | "iso_loss", Source>>): Promise<StudyRows> {
  const entries = await Promise.all(
    Object.entries(sources).map(async ([name, source]) => {
      try {
        return [name, await parquetTable(await source)] as const;
      } catch (error) {
        throw new Error(`table "${name}": ${error instanceof Error ? error.message : String(error)}`);
      }
    })
  );
  const tables = Object.fromEntries(entries);
  const rows: Record<string, Row[]> = Object.fromEntries(entries.map(([name, t]) => [name, t.rows]));
  return {...rows, runs: rows.runs ?? [], datasets: oodDatasets(tables.runs?.columns ?? [])} as StudyRows;
}
