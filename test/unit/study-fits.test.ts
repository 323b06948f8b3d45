// The study-level analysis (fits, transfer, frontier, iso-loss rows) on a fabricated runs
// table generated from known laws: what the loaders publish follows the data.
import {test} from "node:test";
import assert from "node:assert/strict";
import {fitRow, transferRow, frontierRow, isoLossRows, allocationColumns} from "../../src/lib/study/fits.js";
import {oodColumn, type RunRow} from "../../src/lib/study/run-row.js";

const LAW = {E: 0.3, A: 40, alpha: 0.45, B: 25, beta: 0.35};
const KAPPA = 0.8, K = 1.5, E_OOD = 0.5;

function fabricatedRows(): RunRow[] {
  const rows: RunRow[] = [];
  let k = 0;
  for (const N of [5e3, 1.2e4, 3e4, 8e4, 2e5]) {
    for (const D of [250, 700, 2000, 6000, 16000]) {
      // Small deterministic multiplicative wiggle, so the fit is not exactly degenerate.
      const wiggle = 1 + 0.01 * Math.sin(++k * 1.7);
      const id = (LAW.E + LAW.A / N ** LAW.alpha + LAW.B / D ** LAW.beta) * wiggle;
      const ood = E_OOD + K * (id - LAW.E) ** KAPPA;
      rows.push({
        key: `r${k}`, study: "fake", family: "resnet-sl", architecture: "resnet", paradigm: "sl", size: "x",
        params: N, records: D, steps: 1000, steps_done: 1000, batch: 64, learning_rate: 1e-3, seed: 0,
        macs: 300 * N ** 0.9, flops: 6 * 300 * N ** 0.9 * 64 * 1000, stopped_early: false,
        best_val_loss: id, best_id_loss: id, best_id_auroc: null, final_id_loss: id, final_id_auroc: null, final_train_loss: id,
        backend: "wasm", backend_version: "4.22.0", threads: 1, wall_seconds: 1, samples_per_second: 1,
        [oodColumn("sex", "loss")]: ood, [oodColumn("sex", "auroc")]: null
      });
    }
  }
  return rows;
}

test("fit rows recover the law's exponents, with intervals and marginal laws", () => {
  const row = fitRow(fabricatedRows(), "resnet-sl", "id", {resamples: 100});
  assert.equal(row.ok, true, String(row.reason));
  assert.ok(Math.abs((row.alpha as number) - LAW.alpha) < 0.05, `alpha ${row.alpha}`);
  assert.ok(Math.abs((row.beta as number) - LAW.beta) < 0.05, `beta ${row.beta}`);
  assert.ok((row.alpha_lo as number) <= (row.alpha as number) && (row.alpha as number) <= (row.alpha_hi as number));
  assert.ok(Math.abs((row.reduction_N as number) - 10 ** -(row.alpha as number)) < 1e-12);
  assert.equal(typeof row.marginal_N_exponent, "number");
});

test("transfer rows recover kappa from the joint-law floors", () => {
  const rows = fabricatedRows();
  const row = transferRow(rows, "resnet-sl", "sex", {id: LAW.E, ood: E_OOD}, {resamples: 100});
  assert.equal(row.ok, true, String(row.reason));
  assert.ok(Math.abs((row.kappa as number) - KAPPA) < 0.05, `kappa ${row.kappa}`);
  assert.equal(transferRow(rows, "resnet-sl", "sex", {id: undefined, ood: E_OOD}).ok, false);
});

test("too few runs give a cannot-fit row with the reason, never NaN", () => {
  const row = fitRow(fabricatedRows().slice(0, 3), "resnet-sl", "id");
  assert.equal(row.ok, false);
  assert.match(String(row.reason), /\w/);
  assert.equal(fitRow(fabricatedRows(), "transformer-sl", "id").ok, false, "a family without runs");
});

test("frontier, iso-loss and allocation rows come out finite", () => {
  const rows = fabricatedRows();
  const frontier = frontierRow(rows, [], "resnet-sl", "id");
  assert.ok(String(frontier.frontier_runs).split(",").length >= 2);
  assert.equal(String(frontier.frontier_points).split(",").length, String(frontier.frontier_runs).split(",").length, "without curves, one point per run");
  const grid = isoLossRows(rows, "resnet-sl", "id", LAW, 8);
  assert.equal(grid.filter((r) => r.kind === "grid").length, 64);
  assert.ok(grid.every((r) => Number.isFinite(r.L as number) && Number.isFinite(r.D as number)));
  const optimal = grid.filter((r) => r.kind === "optimal").map((r) => r.N as number);
  assert.ok(optimal[optimal.length - 1] >= optimal[0], "the optimal N grows with compute");
  const alloc = allocationColumns(rows, "resnet-sl", LAW);
  assert.ok(Math.abs((alloc.macs_p as number) - 0.9) < 1e-9);
  assert.ok(Math.abs((alloc.alloc_a as number) - LAW.beta / (LAW.alpha + 0.9 * LAW.beta)) < 1e-9);
});
