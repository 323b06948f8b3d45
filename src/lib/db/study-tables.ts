// The study's tables as the pages query them, whatever the loaders happened to write.
// The analysis tables (fits, transfer, frontier, iso-loss) take their columns from the rows
// they hold: a study whose fits all failed has no `alpha` column, and a column whose cells
// are all null is typed DOUBLE even when it holds text. completeStudyTables adds every
// missing column with its type (null cells), so the pages' SQL always finds its columns.
// DuckDB's column names are case-insensitive, so the fits table's allocation shares a, b (and
// a_lo, ...) collide with the coefficients A, B: DuckDB keeps them as a_1, b_1, a_lo_1, ...
// They are renamed here to share_N, share_D, share_N_lo, ... (share of extra compute that goes
// to model size and to data).
// Engine-agnostic (any Db): the pages run it on DuckDB-wasm, the tests on its Node bundle.
import type {Db} from "./db.js";
import {ident} from "./sql.js";
import {oodDatasets} from "../study/run-row.js";

type SqlType = "VARCHAR" | "DOUBLE" | "INTEGER" | "BOOLEAN";

const interval = (names: string[]): [string, SqlType][] => names.flatMap((n) => [[`${n}_lo`, "DOUBLE"], [`${n}_hi`, "DOUBLE"]] as [string, SqlType][]);

/** The columns each analysis table can have (src/lib/study/fits.ts writes them). */
export const STUDY_TABLE_COLUMNS: Record<string, [string, SqlType][]> = {
  fits: [
    ["family", "VARCHAR"], ["dataset", "VARCHAR"], ["n", "INTEGER"], ["ok", "BOOLEAN"], ["reason", "VARCHAR"],
    ["E", "DOUBLE"], ["A", "DOUBLE"], ["alpha", "DOUBLE"], ["B", "DOUBLE"], ["beta", "DOUBLE"], ["share_N", "DOUBLE"], ["share_D", "DOUBLE"],
    ["r2", "DOUBLE"], ["r2_log", "DOUBLE"], ["converged", "BOOLEAN"], ["warnings", "VARCHAR"],
    ["reduction_N", "DOUBLE"], ["reduction_D", "DOUBLE"],
    ...interval(["E", "A", "alpha", "B", "beta", "share_N", "share_D"]), ["resamples_used", "INTEGER"],
    ["marginal_N_E", "DOUBLE"], ["marginal_N_exponent", "DOUBLE"], ["marginal_N_r2", "DOUBLE"], ["marginal_N_reason", "VARCHAR"],
    ["marginal_D_E", "DOUBLE"], ["marginal_D_exponent", "DOUBLE"], ["marginal_D_r2", "DOUBLE"], ["marginal_D_reason", "VARCHAR"],
    ["macs_m", "DOUBLE"], ["macs_p", "DOUBLE"], ["alloc_a", "DOUBLE"], ["alloc_b", "DOUBLE"], ["epochs", "DOUBLE"], ["allocation_reason", "VARCHAR"]
  ],
  transfer: [
    ["family", "VARCHAR"], ["dataset", "VARCHAR"], ["ok", "BOOLEAN"], ["reason", "VARCHAR"], ["K", "DOUBLE"], ["kappa", "DOUBLE"],
    ["r2_log", "DOUBLE"], ["n", "INTEGER"], ["dropped", "INTEGER"], ["E_id", "DOUBLE"], ["E_ood", "DOUBLE"], ...interval(["kappa", "K"])
  ],
  frontier: [
    ["family", "VARCHAR"], ["dataset", "VARCHAR"], ["frontier_points", "VARCHAR"], ["frontier_runs", "VARCHAR"], ["ok", "BOOLEAN"], ["reason", "VARCHAR"], ["n", "INTEGER"],
    ["E", "DOUBLE"], ["A", "DOUBLE"], ["C0", "DOUBLE"], ["gamma", "DOUBLE"], ["r2", "DOUBLE"], ["r2_log", "DOUBLE"], ["C_min", "DOUBLE"], ["C_max", "DOUBLE"], ...interval(["gamma"])
  ],
  iso_loss: [["family", "VARCHAR"], ["dataset", "VARCHAR"], ["kind", "VARCHAR"], ["N", "DOUBLE"], ["C", "DOUBLE"], ["D", "DOUBLE"], ["L", "DOUBLE"]]
};

/** Columns renamed on load (DuckDB's names for case-colliding columns -> ours). */
const RENAMES: Record<string, Record<string, string>> = {
  fits: {a_1: "share_N", b_1: "share_D", a_lo_1: "share_N_lo", a_hi_1: "share_N_hi", b_lo_1: "share_D_lo", b_hi_1: "share_D_hi"}
};

/** Text columns that an all-null Parquet column would have typed DOUBLE. */
const TEXT = new Set(["family", "dataset", "reason", "warnings", "frontier_points", "frontier_runs", "kind", "marginal_N_reason", "marginal_D_reason", "allocation_reason"]);

/** SQL statements that give `table` every column of its spec it lacks (and text types to all-null text columns). */
export function completeTableSql(table: string, present: {name: string; type: string}[]): string[] {
  const spec = STUDY_TABLE_COLUMNS[table];
  if (!spec) return [];
  const renames = RENAMES[table] ?? {};
  const renamed = present.filter((c) => renames[c.name] && !present.some((p) => p.name === renames[c.name]));
  const have = new Map(present.map((c) => [renames[c.name] && renamed.includes(c) ? renames[c.name]! : c.name, c.type]));
  const renameSql = renamed.map((c) => `ALTER TABLE ${ident(table)} RENAME ${ident(c.name)} TO ${ident(renames[c.name]!)}`);
  return renameSql.concat(spec.flatMap(([name, type]) => {
    const current = have.get(name);
    if (current === undefined) return [`ALTER TABLE ${ident(table)} ADD COLUMN ${ident(name)} ${type}`];
    if (TEXT.has(name) && current !== "VARCHAR") return [`ALTER TABLE ${ident(table)} ALTER ${ident(name)} TYPE VARCHAR`];
    return [];
  }));
}

export function describeSql(table: string): string {
  return `SELECT column_name AS name, column_type AS type FROM (DESCRIBE ${ident(table)})`;
}

/** The columns of several tables in one query: table, name, type. */
export function columnsSql(tables: readonly string[]): string {
  const names = tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(", ");
  return `SELECT table_name AS "table", column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name IN (${names || "NULL"}) ORDER BY table_name, column_index`;
}

/**
 * Completes every analysis table present in `db` (see STUDY_TABLE_COLUMNS) and returns the
 * columns of every table in `tables`. Two round trips whatever the number of tables: one query
 * for the columns, one batch of ALTER statements.
 */
export async function completeStudyTables(db: Db, tables: string[]): Promise<Map<string, {name: string; type: string}[]>> {
  const rows = (await db.query(columnsSql(tables))) as {table: string; name: string; type: string}[];
  const columns = new Map(tables.map((t) => [t, rows.filter((r) => r.table === t).map(({name, type}) => ({name, type}))]));
  const sql = tables.flatMap((t) => completeTableSql(t, columns.get(t) ?? []));
  if (sql.length) await db.query(sql.join(";\n"));
  return columns;
}

/** The OOD datasets of the runs table, in column order. */
export async function studyDatasets(db: Db): Promise<string[]> {
  const columns = (await db.query(describeSql("runs"))).map((c) => String(c.name));
  return oodDatasets(columns);
}
