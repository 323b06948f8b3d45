// Writes tables as Parquet with hyparquet-writer: the loaders' tables (runs, curves, fits, ...) and, in the
// browser, a figure's data rows (figure downloads).
// Every column is typed and nullable (OPTIONAL), so a table's schema does not change
// between builds just because one build happened to have no nulls. SNAPPY, the
// writer's default, is what hyparquet reads back in the browser.
import {parquetWriteBuffer} from "hyparquet-writer";
import type {ColumnSource} from "hyparquet-writer";

export type Cell = string | number | boolean | null;
export type ColumnType = "STRING" | "DOUBLE" | "INT32" | "INT64" | "BOOLEAN";
export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Encodes rows as a Parquet file. Without `columns`, the columns are the rows' keys in
 * order of first appearance, typed from their non-null values: strings -> STRING,
 * booleans -> BOOLEAN, integers within int32 -> INT32, other safe integers -> INT64,
 * any other number -> DOUBLE, all null -> DOUBLE. Pass `columns` when a table's types
 * must not depend on its data (an integer-valued loss, an empty table).
 * A missing key or `undefined` is written as null. Same rows in, same bytes out.
 */
export function toParquet(rows: Record<string, Cell>[], columns?: ColumnSpec[]): Uint8Array {
  const specs = columns ?? inferColumns(rows);
  if (specs.length === 0) throw new Error("toParquet: no columns (no rows and no `columns` given)");
  checkNames(specs);
  if (columns) checkRowKeys(rows, columns);
  const columnData: ColumnSource[] = specs.map(({name, type}) => ({
    name,
    type,
    nullable: true,
    data: columnValues(rows, name, type)
  }));
  // A fixed createdBy: the file must not carry anything that varies between runs.
  return new Uint8Array(parquetWriteBuffer({columnData, codec: "SNAPPY", createdBy: "ecg-scaling"}));
}

function inferColumns(rows: Record<string, Cell>[]): ColumnSpec[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  }
  return names.map((name) => ({name, type: inferType(rows, name)}));
}

function inferType(rows: Record<string, Cell>[], name: string): ColumnType {
  const kinds = new Set<string>();
  let int32 = true;
  let safeInt = true;
  for (const row of rows) {
    const value = row[name];
    if (value === null || value === undefined) continue;
    kinds.add(typeof value);
    if (typeof value === "number") {
      safeInt &&= Number.isSafeInteger(value);
      int32 &&= Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
    }
  }
  if (kinds.size > 1) {
    throw new Error(`toParquet: column "${name}" mixes types (${[...kinds].sort().join(", ")}); give it one type`);
  }
  const [kind] = kinds;
  if (kind === "string") return "STRING";
  if (kind === "boolean") return "BOOLEAN";
  if (kind === "number") return int32 ? "INT32" : safeInt ? "INT64" : "DOUBLE";
  if (kind === undefined) return "DOUBLE";
  throw new Error(`toParquet: column "${name}" holds a ${kind}, not a string, number, boolean or null`);
}

function checkNames(specs: ColumnSpec[]): void {
  const seen = new Set<string>();
  for (const {name} of specs) {
    if (name === "") throw new Error("toParquet: a column has an empty name");
    if (seen.has(name)) throw new Error(`toParquet: column "${name}" is listed twice`);
    seen.add(name);
  }
}

// With explicit columns, a row key that is not a column is most likely a typo.
function checkRowKeys(rows: Record<string, Cell>[], columns: ColumnSpec[]): void {
  const known = new Set(columns.map((c) => c.name));
  rows.forEach((row, i) => {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) throw new Error(`toParquet: row ${i} has key "${key}", which is not among the columns`);
    }
  });
}

function columnValues(rows: Record<string, Cell>[], name: string, type: ColumnType): (Cell | bigint)[] {
  return rows.map((row, i) => {
    const value = row[name];
    if (value === null || value === undefined) return null;
    const bad = (what: string) =>
      new Error(`toParquet: column "${name}" (${type}) row ${i}: ${what} ${JSON.stringify(String(value))}`);
    switch (type) {
      case "STRING":
        if (typeof value !== "string") throw bad(`expected a string, got ${typeof value}`);
        return value;
      case "BOOLEAN":
        if (typeof value !== "boolean") throw bad(`expected a boolean, got ${typeof value}`);
        return value;
      case "DOUBLE":
        if (typeof value !== "number") throw bad(`expected a number, got ${typeof value}`);
        return value;
      case "INT32":
        if (typeof value !== "number" || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
          throw bad("expected an integer within int32, got");
        }
        return value;
      case "INT64":
        // hyparquet-writer takes INT64 values as bigint.
        if (typeof value !== "number" || !Number.isSafeInteger(value)) throw bad("expected a safe integer, got");
        return BigInt(value);
    }
  });
}

/** A figure's rows as Parquet, whatever their cells hold: bigints as numbers (as text beyond 2^53), dates as ISO
 * strings, objects as JSON, undefined as null; a column mixing kinds is written as text. */
export function rowsToParquet(rows: readonly Record<string, unknown>[], columns?: readonly string[]): Uint8Array {
  const names = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): Cell => {
    if (v === null || v === undefined) return null;
    if (typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
    if (v instanceof Date) return v.toISOString();
    return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? String(x) : x));
  };
  const table = rows.map((r) => Object.fromEntries(names.map((n) => [n, cell(r[n])])) as Record<string, Cell>);
  for (const name of names) {
    const kinds = new Set(table.map((r) => r[name]).filter((v) => v !== null).map((v) => typeof v));
    if (kinds.size > 1) for (const r of table) if (r[name] !== null) r[name] = String(r[name]);
  }
  // Without rows nothing says a column's type: text, so the file still names the figure's columns.
  const specs: ColumnSpec[] | undefined =
    names.length === 0 ? [{name: "empty", type: "DOUBLE"}] : table.length > 0 ? undefined : names.map((name) => ({name, type: "STRING" as const}));
  return toParquet(table, specs);
}
