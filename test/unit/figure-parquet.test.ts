// A figure's rows as a Parquet download (src/lib/parquet-write.ts, rowsToParquet): read back with hyparquet, the
// reader the report itself uses, the file holds the figure's rows with each cell converted as documented.
import {test} from "node:test";
import assert from "node:assert/strict";
import {parquetMetadata, parquetReadObjects} from "hyparquet";
import {rowsToParquet} from "../../src/lib/parquet-write.js";

const read = async (bytes: Uint8Array) => {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return {rows: await parquetReadObjects({file}), names: parquetMetadata(file).schema.slice(1).map((s) => s.name)};
};

test("a figure's rows round-trip through Parquet: numbers, text, booleans, nulls, bigints, dates, objects", async () => {
  const rows = [
    {key: "a1", family: "resnet-sl", N: 12_345, loss: 0.4321, converged: true, when: new Date("2026-12-05T08:00:00Z"), size: {units: 2, width: 8}, big: 7n, extra: undefined},
    {key: "b2", family: "transformer-ssl", N: 98_765, loss: Number.NaN, converged: false, when: null, size: null, big: 2n ** 60n}
  ];
  const {rows: back, names} = await read(rowsToParquet(rows));
  assert.deepEqual(names, ["key", "family", "N", "loss", "converged", "when", "size", "big", "extra"]);
  assert.equal(back.length, 2);
  assert.deepEqual(
    back.map((r) => [r.key, r.family, Number(r.N), r.loss, r.converged, r.when, r.size, r.extra]),
    [
      ["a1", "resnet-sl", 12_345, 0.4321, true, "2026-12-05T08:00:00.000Z", '{"units":2,"width":8}', null],
      ["b2", "transformer-ssl", 98_765, null, false, null, null, null]
    ]
  );
  // 7n fits a double, 2^60 does not: the column mixes numbers and text, so it is written as text.
  assert.deepEqual(back.map((r) => r.big), ["7", String(2n ** 60n)]);
});

test("the figure's column order and selection are kept; no rows still gives a readable file", async () => {
  const rows = [{x: 1, y: 2, z: "kept out"}];
  const {rows: back, names} = await read(rowsToParquet(rows, ["y", "x"]));
  assert.deepEqual(names, ["y", "x"]);
  assert.deepEqual(back.map((r) => [Number(r.y), Number(r.x)]), [[2, 1]]);
  const empty = await read(rowsToParquet([], ["key", "loss"]));
  assert.deepEqual(empty.names, ["key", "loss"]);
  assert.equal(empty.rows.length, 0);
  const none = await read(rowsToParquet([]));
  assert.equal(none.rows.length, 0);
});
