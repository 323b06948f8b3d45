// The Compute page's SQL (src/lib/sql/compute.ts) on DuckDB-wasm's Node bundle: Pareto-frontier
// flags that match the library's paretoFrontier, fitted frontier curves, the iso-loss grid and
// the compute-optimal allocation, on a fabricated study and on one with nothing fitted.
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {OOD, fabricatedCurves, fabricatedRuns, openFabricatedStudy} from "./helpers/study-tables.js";
import {allocationSql, computePointsSql, frontierCurvesSql, frontierTableSql, isoLossGridSql, isoLossOptimalSql} from "../../src/lib/sql/compute.js";
import {paretoFrontier, predictFrontier} from "../../src/lib/scaling/index.js";
import {computePoints} from "../../src/lib/study/points.js";
import type {RunRow} from "../../src/lib/study/run-row.js";
import type {Db} from "../../src/lib/db/db.js";
import type {TableRow} from "../../src/lib/study/fits.js";

let db: Db;
let runs: RunRow[];
let tables: {fits: TableRow[]; frontier: TableRow[]};
let empty: Db;
before(async () => {
  runs = fabricatedRuns();
  const study = await openFabricatedStudy(runs);
  db = study.db;
  tables = study.tables;
  empty = (await openFabricatedStudy([], ["resnet-sl"])).db;
});
after(async () => {
  await db?.close();
  await empty?.close();
});

test("compute points along each run are the library's, and the frontier flags its Pareto frontier", async () => {
  const rows = await db.query(computePointsSql(OOD));
  const curves = fabricatedCurves(runs);
  for (const family of ["resnet-sl", "transformer-ssl"]) {
    for (const dataset of ["id", "sex"]) {
      const pts = computePoints(runs, curves, family, dataset);
      const mine = rows.filter((r) => r.family === family && r.dataset === dataset);
      assert.equal(mine.length, pts.length, `${family}/${dataset}: one point per evaluation`);
      assert.ok(pts.length > new Set(pts.map((p) => p.key)).size, "several points per run");
      for (const p of pts) {
        const row = mine.find((r) => r.point === p.point)!;
        assert.ok(row, `point ${p.point}`);
        assert.ok(Math.abs((row.C as number) - p.C) <= 1e-9 * p.C && Math.abs((row.L as number) - p.L) <= 1e-12 * p.L, `${p.point}: C and best-so-far L`);
      }
      const expected = paretoFrontier(pts).map((i) => pts[i]!.point).sort();
      const flagged = mine.filter((r) => r.on_frontier).map((r) => String(r.point)).sort();
      assert.deepEqual(flagged, expected, `${family}/${dataset}`);
    }
  }
});

test("a point's loss is the best of the run's evaluations so far", () => {
  const run = runs[0]!;
  const curve = [300, 100, 200].map((step, i) => ({...fabricatedCurves([run])[0]!, step, id_loss: [0.5, 0.8, 0.6][i]!}));
  const pts = computePoints([run], curve, run.family, "id");
  assert.deepEqual(pts.map((p) => [p.step, p.L]), [[100, 0.8], [200, 0.6], [300, 0.5]]);
  assert.ok(Math.abs(pts[2]!.C - (run.flops * 300) / run.steps_done) < 1e-6 * run.flops);
  const worse = curve.map((c) => (c.step === 300 ? {...c, id_loss: 0.9} : c));
  assert.equal(computePoints([run], worse, run.family, "id")[2]!.L, 0.6, "a worse later evaluation keeps the best so far");
  assert.deepEqual(computePoints([run], [], run.family, "id").map((p) => [p.step, p.C]), [[run.steps_done, run.flops]], "no curve: the run's final point");
});

test("frontier curves follow E + A (C - C0)^-gamma; the table has gamma with its interval", async () => {
  const curves = await db.query(frontierCurvesSql(OOD, 15));
  assert.ok(curves.length > 0);
  // Each curve spans its frontier's points, from the cheapest to the dearest.
  const points = await db.query(computePointsSql(OOD));
  for (const f of tables.frontier.filter((x) => x.ok)) {
    const mine = curves.filter((c) => c.family === f.family && c.dataset === f.dataset).map((c) => c.C as number);
    const onFrontier = points.filter((p) => p.family === f.family && p.dataset === f.dataset && p.on_frontier).map((p) => p.C as number);
    assert.ok(Math.abs(Math.min(...mine) - Math.min(...onFrontier)) <= 1e-9 * Math.min(...onFrontier), `${f.family}/${f.dataset} starts at its cheapest frontier point`);
    assert.ok(Math.abs(Math.max(...mine) - Math.max(...onFrontier)) <= 1e-9 * Math.max(...onFrontier), `${f.family}/${f.dataset} ends at its dearest frontier point`);
  }
  for (const c of curves) {
    const f = tables.frontier.find((x) => x.family === c.family && x.dataset === c.dataset)!;
    const expected = predictFrontier({E: f.E as number, A: f.A as number, C0: f.C0 as number, gamma: f.gamma as number}, c.C as number);
    assert.ok(Math.abs((c.L as number) - expected) < 1e-9 * expected);
  }
  const table = await db.query(frontierTableSql(OOD));
  assert.equal(table.length, 4);
  for (const row of table.filter((r) => r.ok)) assert.ok((row.gamma_lo as number) <= (row.gamma as number) + 1e-12 && (row.gamma as number) <= (row.gamma_hi as number) + 1e-12);
  assert.ok(table.every((r) => (r.frontier_size as number) >= 1));
});

test("iso-loss grid in write order (N fastest) and the optimal line per family", async () => {
  const grid = await db.query(isoLossGridSql("id"));
  assert.equal(grid.length, 2 * 64);
  const first = grid.filter((g) => g.family === "resnet-sl");
  assert.ok((first[0]!.N as number) < (first[1]!.N as number) && first[0]!.C === first[1]!.C);
  const optimal = await db.query(isoLossOptimalSql("id"));
  assert.ok(optimal.length > 0);
  assert.ok(optimal.every((o) => (o.N as number) > 0 && (o.C as number) > 0));
});

test("allocation: a = beta / (alpha + beta) with its bootstrap interval, and the measured-MACs form", async () => {
  const rows = await db.query(allocationSql(OOD));
  assert.equal(rows.length, 4);
  for (const row of rows) {
    assert.ok(Math.abs((row.a as number) - (row.beta as number) / ((row.alpha as number) + (row.beta as number))) < 1e-12);
    assert.ok(Math.abs((row.a as number) + (row.b as number) - 1) < 1e-12);
    assert.ok((row.a_lo as number) <= (row.a as number) && (row.a as number) <= (row.a_hi as number));
    assert.ok((row.alloc_a as number) > 0 && (row.macs_p as number) > 0);
  }
});

test("nothing fitted: no curves, no grid, no allocation; frontier rows give the reason", async () => {
  assert.deepEqual(await empty.query(computePointsSql(OOD)), []);
  assert.deepEqual(await empty.query(frontierCurvesSql(OOD)), []);
  assert.deepEqual(await empty.query(isoLossGridSql("id")), []);
  assert.deepEqual(await empty.query(allocationSql(OOD)), []);
  const table = await empty.query(frontierTableSql(OOD));
  assert.ok(table.length > 0 && table.every((r) => r.ok === false && String(r.reason).length > 0));
});
