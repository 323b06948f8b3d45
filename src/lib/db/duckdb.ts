// Opens DuckDB-wasm in the browser with the given Parquet files as tables. Only the
// `eh` (wasm exceptions) bundle is offered: every browser we target has wasm
// exceptions, and shipping mvp/coi too would add ~70 MB to dist/. The page passes the
// bundle's URLs; eh-bundle.ts has them (Framework rewrites its import.meta.resolve
// calls and copies the two files into dist/):
//   import {duckdbEhBundle} from "./lib/db/eh-bundle.js";
//   const db = await openDuckDB(duckdbEhBundle, {runs: FileAttachment("data/runs.parquet").arrayBuffer()});
// Tables may be promises: DuckDB starts (fetching and compiling its 34 MB module, the slowest
// part of a page's load) while they download, instead of after.
import * as duckdb from "@duckdb/duckdb-wasm";
import {prepareDb, type Db} from "./db.js";

export type {Db, Row} from "./db.js";
export {SqlError} from "./db.js";

export interface DuckDBBundleUrls {
  wasm: string;
  worker: string;
}

export type TableSources = Record<string, ArrayBuffer | Promise<ArrayBuffer>>;

export async function openDuckDB(bundle: DuckDBBundleUrls, sources: TableSources): Promise<Db> {
  // Framework bundles the worker as an ES module, so it must start as one.
  const worker = new Worker(bundle.worker, {type: "module"});
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const downloads = Promise.all(Object.entries(sources).map(async ([name, source]) => [name, await source] as const));
  downloads.catch(() => undefined); // awaited below; not an unhandled rejection while DuckDB starts
  try {
    await db.instantiate(bundle.wasm);
    // DECIMAL results (e.g. SUM of integers, literals like 0.5) come back as doubles.
    await db.open({query: {castDecimalToDouble: true}});
    const conn = await db.connect();
    const tables = Object.fromEntries(await downloads);
    return await prepareDb(conn, tables, async () => {
      await conn.close();
      await db.terminate();
    });
  } catch (error) {
    await db.terminate().catch(() => undefined);
    throw error;
  }
}
