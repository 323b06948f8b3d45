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
        chosen_step: null, id_loss_se: null, best_val_loss: id, best_id_loss: id, best_id_auroc: null, final_id_loss: id, final_id_auroc: null, final_train_loss: id,
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

test("seeds are replicates: every run is a point, with seed-to-seed spread and a lack-of-fit F test", () => {
  const base = fabricatedRows();
  const second = base.map((r, i) => ({...r, key: `${r.key}-s1`, seed: 1, best_id_loss: r.best_id_loss * (1 + 0.01 * Math.cos(i * 2.3))}));
  const row = fitRow([...base, ...second], "resnet-sl", "id", {resamples: 40});
  assert.equal(row.ok, true, String(row.reason));
  assert.equal(row.n, 50);
  assert.equal(row.seeds, 2);
  assert.equal(row.cells, 25);
  assert.equal(row.replicated_cells, 25);
  assert.equal(row.lof_method, "replicates-F");
  assert.ok(typeof row.lof_p === "number" && row.lof_p >= 0 && row.lof_p <= 1);
  assert.ok((row.replicate_sd as number) > 0.002 && (row.replicate_sd as number) < 0.02, `replicate SD ${row.replicate_sd}`);
  assert.equal((row.resamples_used as number) + (row.resamples_failed as number), 40);
  assert.ok(typeof row.alpha_lo_mc === "number" && typeof row.alpha_hi_mc === "number");
  assert.equal(String(row.alpha_draws).split(",").length, 40, "one entry per resample");
  assert.equal(String(row.alpha_draws).split(",").filter((x) => x !== "").length, row.resamples_used, "failed refits are empty entries");
  const single = fitRow(base, "resnet-sl", "id");
  assert.equal(single.lof_method, "none", "one seed and no evaluation standard errors: no test");
  const withSe = fitRow(base.map((r) => ({...r, id_loss_se: 0.01 * r.best_id_loss})), "resnet-sl", "id");
  assert.equal(withSe.lof_method, "evaluation-se-chi2");
});

test("transfer rows refit the floors in every resample (wider intervals than fixed floors) and say why runs were dropped", () => {
  const rows = fabricatedRows();
  const fit = fitRow(rows, "resnet-sl", "id");
  const ood = fitRow(rows, "resnet-sl", "sex");
  assert.equal(fit.ok && ood.ok, true);
  const row = transferRow(rows, "resnet-sl", "sex", {id: fit.E as number, ood: ood.E as number}, {resamples: 60});
  assert.equal(row.ok, true, String(row.reason));
  assert.equal(row.floors, "refitted per resample");
  assert.equal((row.resamples_used as number) + (row.resamples_failed as number), 60);
  // Floors held fixed: the interval of kappa from the wiggle alone.
  const fixed = transferRow(rows, "resnet-sl", "sex", {id: fit.E as number, ood: ood.E as number, idDraws: new Float64Array(60).fill(fit.E as number), oodDraws: new Float64Array(60).fill(ood.E as number)}, {resamples: 60});
  assert.ok((row.kappa_hi as number) - (row.kappa_lo as number) > (fixed.kappa_hi as number) - (fixed.kappa_lo as number), `${row.kappa_lo}..${row.kappa_hi} vs fixed ${fixed.kappa_lo}..${fixed.kappa_hi}`);
  // A floor above some runs' losses drops them, and the row says so.
  const high = transferRow(rows, "resnet-sl", "sex", {id: 1.5, ood: E_OOD});
  assert.equal(high.ok, true, String(high.reason));
  assert.ok((high.dropped as number) > 0);
  assert.match(String(high.dropped_reason), new RegExp(`^${high.dropped} of 25 runs dropped: ${high.dropped} with an ID loss at or below the ID floor`));
});
