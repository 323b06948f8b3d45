// The pages draw from src/lib/views/ (plain JS over the Parquet rows) instead of waiting for
// DuckDB-wasm; the SQL of src/lib/sql/ stays the reference. Every view must give the rows its SQL
// twin gives on DuckDB-wasm's Node bundle, over the same files: a fabricated study, the same with
// a second seed per cell, gaps (missing OOD losses, a run without curves) and an empty study.
import {test} from "node:test";
import assert from "node:assert/strict";
import {OOD, fabricatedCurves, fabricatedRuns} from "./helpers/study-tables.js";
import {openBothWays, studyFiles} from "./helpers/study-files.js";
import {oodColumn, type RunRow} from "../../src/lib/study/run-row.js";
import type {Db, Row} from "../../src/lib/db/db.js";
import type {StudyRows} from "../../src/lib/views/study-rows.js";
import * as scalingSql from "../../src/lib/sql/scaling.js";
import * as computeSql from "../../src/lib/sql/compute.js";
import * as overfittingSql from "../../src/lib/sql/overfitting.js";
import * as performanceSql from "../../src/lib/sql/performance.js";
import * as transferSql from "../../src/lib/sql/transfer.js";
import {fitsTable, lawCurves, reduction, scalingPoints} from "../../src/lib/views/scaling.js";
import {allocation, computePointsView, frontierCurves, frontierTable, isoLossGrid, isoLossOptimal} from "../../src/lib/views/compute.js";
import {overfittingExtent, trainValCurves, trainValGap} from "../../src/lib/views/overfitting.js";
import {bestAlong, binRanks, oodPoints, oodProbes, winCounts} from "../../src/lib/views/performance.js";
import {kappaByFamily, transferCurves, transferPairs, transferTable} from "../../src/lib/views/transfer.js";

const sql = {...scalingSql, ...computeSql, ...overfittingSql, ...performanceSql, ...transferSql};

/** Each view with its SQL twin, as [name, sql, view]. */
function pairs(t: StudyRows): [string, string, Row[]][] {
  const d = t.datasets;
  const fits = t.fits ?? [];
  const tr = t.transfer ?? [];
  const fr = t.frontier ?? [];
  const iso = t.iso_loss ?? [];
  return [
    ["scalingPoints", sql.scalingPointsSql(d), scalingPoints(t.runs, d)],
    ["fitsTable", sql.fitsTableSql(d), fitsTable(fits, d)],
    ["lawCurves N", sql.lawCurvesSql(d, "N"), lawCurves(t.runs, fits, d, "N")],
    ["lawCurves D", sql.lawCurvesSql(d, "D", 7), lawCurves(t.runs, fits, d, "D", 7)],
    ["reduction", sql.reductionSql(d, 10), reduction(fits, d, 10)],
    ["computePoints", sql.computePointsSql(d), computePointsView(t.runs, t.curves ?? [], fr, d)],
    ["frontierCurves", sql.frontierCurvesSql(d), frontierCurves(fr, d)],
    ["frontierTable", sql.frontierTableSql(d), frontierTable(fr, d)],
    ...["id", ...OOD].flatMap((ds): [string, string, Row[]][] => [
      [`isoLossGrid ${ds}`, sql.isoLossGridSql(ds), isoLossGrid(iso, ds)],
      [`isoLossOptimal ${ds}`, sql.isoLossOptimalSql(ds), isoLossOptimal(iso, ds)]
    ]),
    ["allocation", sql.allocationSql(d), allocation(fits, d)],
    ["trainValCurves", sql.trainValCurvesSql(), trainValCurves(t.runs, t.curves ?? [])],
    ["trainValGap", sql.trainValGapSql(), trainValGap(t.runs)],
    ["overfittingExtent", sql.overfittingExtentSql(), overfittingExtent(t.runs, fits)],
    ["oodPoints", sql.oodPointsSql(d), oodPoints(t.runs, d)],
    ...(["N", "D"] as const).flatMap((by): [string, string, Row[]][] => [
      [`bestAlong ${by}`, sql.bestAlongSql(d, by), bestAlong(t.runs, d, by)],
      [`binRanks ${by}`, sql.binRanksSql(d, by, 3), binRanks(t.runs, d, by, 3)],
      [`winCounts ${by}`, sql.winCountsSql(d, by, 3), winCounts(t.runs, d, by, 3)]
    ]),
    ["oodProbes", sql.oodProbesSql(d), oodProbes(t.runs, d)],
    ["transferPairs", sql.transferPairsSql(d), transferPairs(t.runs, tr, d)],
    ["transferCurves", sql.transferCurvesSql(d), transferCurves(t.runs, tr, d)],
    ["transferTable", sql.transferTableSql(d), transferTable(tr, d)],
    ["kappaByFamily", sql.kappaByFamilySql(), kappaByFamily(tr)]
  ];
}

const sameValue = (a: unknown, b: unknown) =>
  Object.is(a, b) || a === b || (typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

/** The discrete part of a row (text, flags, integers): rows tied on the SQL's ORDER BY are put in one order by it. */
const signature = (row: Row) => JSON.stringify(Object.values(row).map((v) => (typeof v === "number" && !Number.isInteger(v) ? 0 : v)));

function assertSameRows(name: string, fromSql: Row[], fromView: Row[], ordered: boolean) {
  assert.equal(fromView.length, fromSql.length, `${name}: ${fromView.length} rows, SQL gives ${fromSql.length}`);
  const sort = (rows: Row[]) => (ordered ? rows : rows.map((r, i) => ({r, i, s: signature(r)})).sort((x, y) => (x.s < y.s ? -1 : x.s > y.s ? 1 : x.i - y.i)).map((x) => x.r));
  const [a, b] = [sort(fromSql), sort(fromView)];
  a.forEach((row, i) => {
    const view = b[i]!;
    assert.deepEqual(Object.keys(view), Object.keys(row), `${name}: columns`);
    for (const column of Object.keys(row)) {
      assert.ok(sameValue(view[column], row[column]), `${name}, row ${i}, ${column}: view ${String(view[column])}, SQL ${String(row[column])}`);
    }
  });
}

async function checkStudy(runs: RunRow[], options: {ordered: boolean; curves?: ReturnType<typeof fabricatedCurves>; families?: string[]}) {
  const {db, rows} = await openBothWays(studyFiles(runs, options.curves, options.families));
  try {
    let nonEmpty = 0;
    for (const [name, query, view] of pairs(rows)) {
      const expected = await db.query(query);
      if (expected.length) nonEmpty++;
      assertSameRows(name, expected, view, options.ordered);
    }
    return nonEmpty;
  } finally {
    await db.close();
  }
}

test("every view gives its SQL's rows, in its order, on a fabricated study", async () => {
  const nonEmpty = await checkStudy(fabricatedRuns(), {ordered: true});
  assert.ok(nonEmpty >= 25, `only ${nonEmpty} queries had rows: the fixture does not exercise the views`);
});

test("with two seeds per cell (rows tied on the sort keys), the same rows", async () => {
  const first = fabricatedRuns();
  const runs = [...first, ...first.map((r, i) => ({...r, key: `${r.key}-s1`, seed: 1, best_id_loss: r.best_id_loss * (1 + 0.01 * Math.cos(i * 2.1))}))];
  await checkStudy(runs, {ordered: false});
});

test("with gaps: missing OOD losses, a run without curves, a non-finite train loss", async () => {
  const runs = fabricatedRuns().map((r, i) => (i % 4 === 1 ? {...r, [oodColumn("sex", "loss")]: null} : i === 2 ? {...r, final_train_loss: Number.NaN} : r));
  const curves = fabricatedCurves(runs).filter((c) => c.key !== runs[5]!.key);
  await checkStudy(runs, {ordered: false, curves});
});

test("an empty study: every view is empty where its SQL is, and the fits say why", async () => {
  await checkStudy([], {ordered: true, families: ["resnet-sl"]});
});
