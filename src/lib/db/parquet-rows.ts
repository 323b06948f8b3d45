// A Parquet file (a loader's table) as plain rows, without DuckDB and without Arrow: what the
// pages draw from (src/lib/views), so that no page waits for the DuckDB-wasm worker or loads
// apache-arrow to read a table. The rows are those the SQL path gives (parquetToArrow, then
// arrowToRows): INT64 within 2^53 as numbers, nulls as null; flat tables of the plain types the
// loaders write, anything else refused by name (test/unit/parquet-rows.test.ts holds the two
// paths equal).
import {parquetMetadata, parquetReadObjects} from "hyparquet";
import type {SchemaElement} from "hyparquet";
import type {Row} from "./arrow-rows.js";

export interface ParquetTable<R = Row> {
  /** Column names in file order (also for an empty table). */
  columns: string[];
  rows: R[];
}

const PLAIN = new Set(["BOOLEAN", "INT32", "INT64", "FLOAT", "DOUBLE"]);

/** Why a flat column cannot be read as a plain value, or null when it can. */
function unsupported(element: SchemaElement): string | null {
  const {type, converted_type: converted, logical_type: logical} = element;
  const annotated = converted !== undefined || logical !== undefined;
  if (type === "BYTE_ARRAY" && (converted === "UTF8" || logical?.type === "STRING")) return null;
  if (annotated) return `${type} annotated as ${converted ?? logical?.type}`;
  return PLAIN.has(String(type)) ? null : String(type);
}

const plain = (value: unknown): unknown =>
  value === undefined ? null : typeof value === "bigint" && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;

export async function parquetTable<R = Row>(buffer: ArrayBuffer): Promise<ParquetTable<R>> {
  const metadata = parquetMetadata(buffer);
  const [root, ...leaves] = metadata.schema;
  if (leaves.length !== (root?.num_children ?? 0) || leaves.some((e) => e.num_children)) {
    throw new Error("parquetTable: only flat Parquet tables (no nested columns) are supported");
  }
  for (const leaf of leaves) {
    const reason = unsupported(leaf);
    if (reason) throw new Error(`parquetTable: column "${leaf.name}" has unsupported Parquet type ${reason}`);
  }
  const columns = leaves.map((l) => l.name);
  const objects = await parquetReadObjects({file: buffer, metadata});
  const rows = objects.map((o) => {
    const row: Row = {};
    for (const c of columns) row[c] = plain(o[c]);
    return row as R;
  });
  return {columns, rows};
}
