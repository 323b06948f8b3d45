// The pages read Parquet straight to rows with hyparquet (src/lib/db/parquet-rows.ts); the SQL path
// reads it through Arrow (parquetToArrow, arrowToRows). Both must give the same rows, column for
// column, on the fabricated study's six tables and on a table of every supported type with nulls.
import {test} from "node:test";
import assert from "node:assert/strict";
import {toParquet} from "../../data-loaders/parquet.js";
import {parquetTable} from "../../src/lib/db/parquet-rows.js";
import {parquetToArrow} from "../../src/lib/db/parquet-to-arrow.js";
import {arrowToRows} from "../../src/lib/db/arrow-rows.js";
import {fabricatedRuns} from "./helpers/study-tables.js";
import {studyFiles} from "./helpers/study-files.js";
import {toArrayBuffer} from "./helpers/duckdb-node.js";

async function bothWays(buffer: ArrayBuffer) {
  const direct = await parquetTable(buffer);
  const table = await parquetToArrow(buffer);
  return {direct, viaArrow: {columns: table.schema.fields.map((f) => f.name), rows: arrowToRows(table)}};
}

test("the study's six tables read the same without Arrow", async () => {
  for (const [name, buffer] of Object.entries(studyFiles(fabricatedRuns()))) {
    const {direct, viaArrow} = await bothWays(buffer);
    assert.deepEqual(direct.columns, viaArrow.columns, name);
    assert.ok(direct.rows.length > 0, `${name} has rows`);
    assert.deepEqual(direct.rows, viaArrow.rows, name);
  }
});

test("every supported type, nulls and a large INT64 read the same", async () => {
  const rows = [
    {run: "a", n: 120_000, d: 2 ** 40, big: 2 ** 60, loss: 0.5, ssl: true},
    {run: null, n: null, d: null, big: null, loss: null, ssl: null},
    {run: "c", n: -7, d: 5, big: 3, loss: Number.NaN, ssl: false}
  ];
  const {direct, viaArrow} = await bothWays(toArrayBuffer(toParquet(rows)));
  assert.deepEqual(direct, viaArrow);
  assert.equal(direct.rows[0]!.d, 2 ** 40);
  assert.equal(direct.rows[1]!.run, null);
});
