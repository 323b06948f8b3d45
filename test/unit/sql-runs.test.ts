// The Runs page's SQL (src/lib/sql/runs.ts) on DuckDB-wasm's Node bundle (the browser's
// engine), over small fabricated runs and curves tables written with the loaders' own
// Parquet schemas; and the CSV the page's download buttons produce.
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {runsParquet, curvesParquet} from "../../data-loaders/runs/tables.js";
import {oodColumn, type CurveRow, type RunRow} from "../../src/lib/study/run-row.js";
import {
  bestIdLossByDataSql,
  exampleQueries,
  familySummarySql,
  literal,
  oodLossByFamilySql,
  overfittingGapSql,
  runCurveSql,
  stoppedEarlySql,
  throughputSql
} from "../../src/lib/sql/runs.js";
import {toCsv, columnsOf} from "../../src/lib/csv.js";
import type {Db} from "../../src/lib/db/db.js";
import {openNodeDuckDB, toArrayBuffer} from "./helpers/duckdb-node.js";

const OOD = ["ptbxl-super", "sex"];

function run(key: string, family: string, size: string, params: number, records: number, id: number, ood: [number, number], stopped = false): RunRow {
  return {
    key, study: "fake", family, architecture: family.split("-")[0], paradigm: family.split("-")[1], size, params, records,
    steps: 100, steps_done: stopped ? 60 : 100, batch: 16, learning_rate: 1e-3, seed: 0, macs: params * 10, flops: 6 * params * 10 * 16 * 100,
    stopped_early: stopped, chosen_step: null, id_loss_se: null, best_val_loss: id + 0.01, best_id_loss: id, best_id_auroc: null, final_id_loss: id, final_id_auroc: null,
    final_train_loss: id, backend: "wasm", backend_version: "4.22.0", threads: 1, wall_seconds: 1800, samples_per_second: 100,
    [oodColumn("ptbxl-super", "loss")]: ood[0], [oodColumn("ptbxl-super", "auroc")]: 0.7,
    [oodColumn("sex", "loss")]: ood[1], [oodColumn("sex", "auroc")]: null
  };
}

const RUNS: RunRow[] = [
  run("a1", "resnet-sl", "1x4", 1000, 250, 0.3, [0.6, 0.7]),
  run("a2", "resnet-sl", "2x8", 4000, 250, 0.25, [0.55, 0.69]),
  run("a3", "resnet-sl", "1x4", 1000, 1000, 0.2, [0.5, 0.68], true),
  run("b1", "transformer-ssl", "1x8x1x32", 3000, 250, 4.1, [0.65, 0.66])
];

function curve(key: string, step: number, train: number | null, val: number): CurveRow {
  const r = RUNS.find((x) => x.key === key)!;
  return {key, family: r.family, params: r.params, records: r.records, step, seconds: step / 10, train_loss: train, val_loss: val, id_loss: val, id_loss_se: null,
    id_auroc: null, [oodColumn("ptbxl-super", "loss")]: 0.6, [oodColumn("ptbxl-super", "auroc")]: null, [oodColumn("sex", "loss")]: 0.7, [oodColumn("sex", "auroc")]: null};
}

const CURVES: CurveRow[] = [
  curve("a1", 0, null, 0.7), curve("a1", 50, 0.4, 0.35), curve("a1", 100, 0.2, 0.31),
  curve("a2", 50, 0.3, 0.3), curve("a2", 100, 0.25, 0.26),
  curve("a3", 30, 0.3, 0.22), curve("a3", 60, 0.1, 0.25),
  curve("b1", 100, 4.0, 4.2)
];

let db: Db;
before(async () => {
  db = await openNodeDuckDB({
    runs: toArrayBuffer(runsParquet(RUNS, OOD)),
    curves: toArrayBuffer(curvesParquet(CURVES, OOD))
  });
});
after(() => db?.close());

test("runs per family: counts, N and D ranges, compute and CPU hours", async () => {
  const rows = await db.query(familySummarySql());
  assert.deepEqual(rows.map((r) => [r.family, r.runs, r.n_min, r.n_max, r.d_min, r.d_max]), [
    ["resnet-sl", 3, 1000, 4000, 250, 1000],
    ["transformer-ssl", 1, 3000, 3000, 250, 250]
  ]);
  assert.equal(rows[0].compute_flops, RUNS.slice(0, 3).reduce((s, r) => s + r.flops, 0));
  assert.equal(rows[0].cpu_hours, 1.5);
});

test("best ID loss at each data size names the size that reached it", async () => {
  const rows = await db.query(bestIdLossByDataSql());
  assert.deepEqual(rows.map((r) => [r.family, r.D, r.best_id_loss, r.best_size, r.best_N]), [
    ["resnet-sl", 250, 0.25, "2x8", 4000],
    ["resnet-sl", 1000, 0.2, "1x4", 1000],
    ["transformer-ssl", 250, 4.1, "1x8x1x32", 3000]
  ]);
});

test("OOD loss per family and dataset uses the study's OOD columns", async () => {
  const rows = await db.query(oodLossByFamilySql(OOD));
  const cell = (family: string, dataset: string) => rows.find((r) => r.family === family && r.dataset === dataset);
  assert.equal(rows.length, 4);
  assert.ok(Math.abs((cell("resnet-sl", "ptbxl-super")!.mean_loss as number) - 0.55) < 1e-12);
  assert.equal(cell("resnet-sl", "sex")!.best_loss, 0.68);
  assert.equal(cell("transformer-ssl", "sex")!.mean_loss, 0.66);
  assert.deepEqual(await db.query(oodLossByFamilySql([])), []);
});

test("stopped-early runs and the last evaluation's validation - training gap", async () => {
  assert.deepEqual((await db.query(stoppedEarlySql())).map((r) => [r.key, r.steps_done, r.steps]), [["a3", 60, 100]]);
  const gaps = await db.query(overfittingGapSql());
  assert.equal(gaps.length, 4, "one row per run");
  const a3 = gaps.find((g) => g.family === "resnet-sl" && g.D === 1000);
  assert.deepEqual(a3, {family: "resnet-sl", size: "1x4", D: 1000, step: 60, train_loss: 0.1, val_loss: 0.25, gap: 0.25 - 0.1});
  assert.deepEqual(gaps.map((g) => g.gap), [...gaps.map((g) => g.gap as number)].sort((x, y) => y - x), "largest gap first");
  assert.equal(gaps.find((g) => g.family === "transformer-ssl")!.step, 100);
});

test("throughput per backend and one run's curve in step order", async () => {
  const rows = await db.query(throughputSql());
  assert.deepEqual(rows.map((r) => [r.backend, r.threads, r.family, r.runs]), [["wasm", 1, "resnet-sl", 3], ["wasm", 1, "transformer-ssl", 1]]);
  const curveRows = await db.query(runCurveSql("a1"));
  assert.deepEqual(curveRows.map((r) => [r.step, r.train_loss]), [[0, null], [50, 0.4], [100, 0.2]]);
  assert.deepEqual(await db.query(runCurveSql("no'such")), [], "a quote in the key is escaped, not injected");
  assert.equal(literal("it's"), "'it''s'");
});

test("every example query runs and returns rows", async () => {
  for (const q of exampleQueries(OOD)) {
    const rows = await db.query(q.sql);
    assert.ok(rows.length > 0, `${q.name} returned no rows`);
  }
});

test("CSV: header from the rows' keys, RFC 4180 quoting, empty nulls", () => {
  const rows = [{a: 1.5, b: 'say "hi", then go', c: null}, {a: 2, b: "line\nbreak", d: true, e: 12n}];
  assert.deepEqual(columnsOf(rows), ["a", "b", "c", "d", "e"]);
  assert.equal(toCsv(rows), 'a,b,c,d,e\r\n1.5,"say ""hi"", then go",,,\r\n2,"line\nbreak",,true,12\r\n');
  assert.equal(toCsv([], ["x"]), "x\r\n");
  assert.equal(toCsv([{x: [1, 2]}]), 'x\r\n"[1,2]"\r\n');
});
