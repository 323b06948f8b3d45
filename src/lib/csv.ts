// Rows as CSV (RFC 4180): the Runs page's downloads. Fields with a comma, quote or line
// break are quoted, quotes doubled; null and undefined are empty; numbers keep full
// precision; bigints and booleans as text; dates as ISO strings; arrays and objects as JSON.
import {csvFormatRow} from "d3";

/** The union of the rows' keys, in order of first appearance. */
export function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** A cell as text: null and undefined empty, numbers at full precision, dates as ISO strings, arrays and objects as JSON. */
function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? String(v) : v));
}

/** Quoting by d3-dsv (fields with a comma, quote or line break quoted, quotes doubled); rows end in CRLF as RFC 4180 asks. */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[] = columnsOf(rows)): string {
  const lines = [csvFormatRow([...columns]), ...rows.map((row) => csvFormatRow(columns.map((c) => text(row[c]))))];
  return lines.join("\r\n") + "\r\n";
}
