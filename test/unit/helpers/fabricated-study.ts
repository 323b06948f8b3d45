// A small fabricated study (fits, transfer and runs tables) shaped like the paper's findings,
// or with every finding turned the other way round: shared by the findings unit test and
// the overview page test, which renders src/index.md on these tables.
import type {TableRow} from "../../../src/lib/study/findings.js";
import {oodColumn, type RunRow} from "../../../src/lib/study/run-row.js";

export type Iv = [number, number, number];
export const FAMILIES = ["resnet-sl", "resnet-ssl", "transformer-sl", "transformer-ssl"];
export const OOD = ["structural", "sex", "cpsc", "risk", "ptbxl-super", "ptbxl-rhythm", "ptbxl-form", "csn-rhythm"];
/** Seeds per (family, N, D) cell: two, so seed-to-seed replicates and paired tests per task have material. */
export const SEEDS = [0, 1];

/** A fits-table row with the joint law's exponents, their intervals and b = alpha / (alpha + beta). */
export function fitRow(family: string, dataset: string, alpha: Iv, beta: Iv, extra: TableRow = {}): TableRow {
  const b = alpha[0] / (alpha[0] + beta[0]);
  return {
    family, dataset, n: 9, ok: true, reason: null,
    E: 0.2, A: 3, B: 4,
    alpha: alpha[0], alpha_lo: alpha[1], alpha_hi: alpha[2],
    beta: beta[0], beta_lo: beta[1], beta_hi: beta[2],
    a: 1 - b, b, b_lo: alpha[1] / (alpha[1] + beta[2]), b_hi: alpha[2] / (alpha[2] + beta[1]),
    a_lo: beta[1] / (beta[1] + alpha[2]), a_hi: beta[2] / (beta[2] + alpha[1]),
    alloc_b: b * 0.97,
    ...extra
  };
}

export function transferRow(family: string, dataset: string, kappa: Iv): TableRow {
  return {family, dataset, ok: true, reason: null, K: 1.3, kappa: kappa[0], kappa_lo: kappa[1], kappa_hi: kappa[2], n: 9};
}

export function run(family: string, size: string, records: number, losses: Record<string, number>, seed = 0): RunRow {
  const row: RunRow = {
    key: `${family}-${size}-${records}${seed ? `-s${seed}` : ""}`, study: "fake", family, architecture: family.split("-")[0], paradigm: family.split("-")[1], size,
    params: 1000 * Number(size), records, steps: 100, steps_done: 100, batch: 16, learning_rate: 1e-3, seed,
    macs: 1e6, flops: 1e9, stopped_early: false, chosen_step: null, id_loss_se: null, best_val_loss: losses.id, best_id_loss: losses.id, best_id_auroc: null,
    final_id_loss: losses.id, final_id_auroc: null, final_train_loss: losses.id, backend: "wasm", backend_version: "4.22.0",
    threads: 1, wall_seconds: 1, samples_per_second: 1
  };
  for (const d of OOD) {
    row[oodColumn(d, "loss")] = losses[d] ?? null;
    row[oodColumn(d, "auroc")] = null;
  }
  return row;
}

/**
 * A small study shaped like the paper's findings: SL data-bottlenecked in distribution
 * (alpha > beta), SSL scaling in both, ResNets with larger alpha OOD, SSL with larger beta
 * and kappa, kappa < 1, SSL and ResNets with lower losses, Transformer-SSL giving model
 * size the larger share. `flip` turns every one of these the other way round.
 */
export function paperLike(flip = false) {
  const swap = (x: Iv, y: Iv): [Iv, Iv] => (flip ? [y, x] : [x, y]);
  const fits: TableRow[] = [
    fitRow("resnet-sl", "id", ...swap([0.61, 0.52, 0.7], [0.14, 0.1, 0.18])),
    fitRow("transformer-sl", "id", ...swap([0.83, 0.7, 0.95], [0.12, 0.08, 0.16])),
    fitRow("resnet-ssl", "id", [0.31, 0.22, 0.4], [0.27, 0.2, 0.34]),
    fitRow("transformer-ssl", "id", ...swap([0.21, 0.14, 0.28], [0.47, 0.38, 0.56]))
  ];
  const oodAlpha: Record<string, number> = flip
    ? {"resnet-sl": 0.12, "resnet-ssl": 0.1, "transformer-sl": 0.45, "transformer-ssl": 0.5}
    : {"resnet-sl": 0.5, "resnet-ssl": 0.46, "transformer-sl": 0.21, "transformer-ssl": 0.17};
  const oodBeta: Record<string, number> = flip
    ? {"resnet-sl": 0.5, "resnet-ssl": 0.14, "transformer-sl": 0.6, "transformer-ssl": 0.15}
    : {"resnet-sl": 0.12, "resnet-ssl": 0.37, "transformer-sl": 0.09, "transformer-ssl": 0.33};
  const transfer: TableRow[] = [];
  for (const family of FAMILIES) {
    const ssl = family.endsWith("ssl");
    OOD.forEach((d, i) => {
      const a = oodAlpha[family] + 0.02 * i;
      const b = oodBeta[family] + 0.01 * i;
      fits.push(fitRow(family, d, [a, a - 0.04, a + 0.04], [b, b - 0.03, b + 0.03]));
      const k = flip ? (ssl ? 1.2 : 2.4) + 0.03 * i : (ssl ? 0.72 : 0.31) + 0.03 * i;
      transfer.push(transferRow(family, d, [k, k - 0.06, k + 0.06]));
    });
  }
  const runs: RunRow[] = [];
  for (const family of FAMILIES) {
    const ssl = family.endsWith("ssl");
    const resnet = family.startsWith("resnet");
    // Paper-like: SSL and ResNets lower; flipped: SL and Transformers lower.
    const penalty = (flip ? (ssl ? 0.05 : 0) : ssl ? 0 : 0.05) + (flip ? (resnet ? 0.1 : 0) : resnet ? 0 : 0.1);
    for (const size of ["1", "2", "3"]) {
      for (const records of [100, 400, 1600]) {
        for (const seed of SEEDS) {
          const scale = (1 + 0.01 * seed) / Math.sqrt(Number(size) * records);
          const losses: Record<string, number> = {id: 0.2 + scale};
          OOD.forEach((d, i) => (losses[d] = 0.6 - 0.02 * i + scale + penalty));
          runs.push(run(family, size, records, losses, seed));
        }
      }
    }
  }
  return {fits, transfer, runs};
}

