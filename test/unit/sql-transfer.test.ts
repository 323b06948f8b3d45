// The Transfer page's SQL (src/lib/sql/transfer.ts) on DuckDB-wasm's Node bundle: pairs of ID
// and OOD losses with their excess over the joint-law floors, the fitted transfer curves and
// Table S.7, on a fabricated study and on one with too few runs to fit.
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {DS, NS, OOD, fabricatedRuns, openFabricatedStudy} from "./helpers/study-tables.js";
import {kappaByFamilySql, transferCurvesSql, transferPairsSql, transferTableSql} from "../../src/lib/sql/transfer.js";
import type {Db} from "../../src/lib/db/db.js";
import type {TableRow} from "../../src/lib/study/fits.js";

let db: Db;
let transfer: TableRow[];
let few: Db;
before(async () => {
  const study = await openFabricatedStudy(fabricatedRuns());
  db = study.db;
  transfer = study.tables.transfer;
  few = (await openFabricatedStudy(fabricatedRuns(["resnet-sl"]).slice(0, 3), ["resnet-sl"])).db;
});
after(async () => {
  await db?.close();
  await few?.close();
});

test("pairs: each run's ID and OOD loss and their excess over the fitted floors", async () => {
  const rows = await db.query(transferPairsSql(OOD));
  assert.equal(rows.length, 2 * NS.length * DS.length);
  for (const row of rows) {
    const t = transfer.find((x) => x.family === row.family && x.dataset === row.dataset)!;
    assert.equal(row.fitted, true);
    assert.equal(row.E_id, t.E_id);
    if (row.excess_id !== null) assert.ok(Math.abs((row.excess_id as number) - ((row.L_id as number) - (t.E_id as number))) < 1e-12);
    if (row.excess_ood !== null) assert.ok((row.excess_ood as number) > 0);
  }
  assert.ok(rows.filter((r) => r.excess_id !== null && r.excess_ood !== null).length >= 10, "most runs lie above both floors");
});

test("curves follow K x^kappa; the table carries kappa with its interval", async () => {
  const curves = await db.query(transferCurvesSql(OOD, 12));
  assert.equal(curves.length, 2 * 12);
  for (const c of curves) {
    const t = transfer.find((x) => x.family === c.family && x.dataset === c.dataset)!;
    const expected = (t.K as number) * (c.excess_id as number) ** (t.kappa as number);
    assert.ok(Math.abs((c.excess_ood as number) - expected) < 1e-9 * expected);
  }
  const table = await db.query(transferTableSql(OOD));
  assert.deepEqual(table.map((r) => r.family), ["resnet-sl", "transformer-ssl"]);
  for (const row of table) {
    assert.equal(row.ok, true);
    // The transfer bootstrap refits the floors on every resample, so kappa's percentile interval
    // need not contain the point estimate (3 x 3 runs pin the floors poorly): only its order is checked.
    assert.ok(Number.isFinite(row.kappa_lo as number) && (row.kappa_lo as number) <= (row.kappa_hi as number));
  }
  const means = await db.query(kappaByFamilySql());
  assert.equal(means.length, 2);
  assert.equal(means[0]!.datasets, 1);
});

test("without floors: pairs are unfitted with no excess, no curves, and the table says why", async () => {
  const rows = await few.query(transferPairsSql(OOD));
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => r.fitted === false && r.excess_id === null && r.excess_ood === null));
  assert.deepEqual(await few.query(transferCurvesSql(OOD)), []);
  const [row] = await few.query(transferTableSql(OOD));
  assert.equal(row!.ok, false);
  assert.match(String(row!.reason), /floor/);
  assert.deepEqual(await few.query(kappaByFamilySql()), []);
});
