import type {BackendInfo} from "../backend/index.js";
import type {RunRecord} from "../train/run-record.js";

/** Whether a rerun on backend `b` should reproduce a run of backend `a` bit for bit: same backend, version and kernels. */
export function sameBackend(a: BackendInfo, b: BackendInfo): boolean {
  return a.name === b.name && a.version === b.version && Boolean(a.native?.blas) === Boolean(b.native?.blas);
}

/** One loss of a run: where it was measured and its value. */
export interface LossPoint {
  step: number;
  what: string;
  value: number;
}

/** Every loss a run record holds, in order: train, validation, ID test and each OOD loss at each evaluation. */
export function lossTrace(record: RunRecord): LossPoint[] {
  return record.evaluations.flatMap((e) => [
    {step: e.step, what: "train", value: e.trainLoss},
    {step: e.step, what: "val", value: e.valLoss},
    {step: e.step, what: "id", value: e.idLoss},
    ...e.ood.map((o) => ({step: e.step, what: o.dataset, value: o.loss}))
  ]);
}

export interface RunComparison {
  /** Same evaluations (steps and datasets) in both records. */
  sameShape: boolean;
  /** Losses compared, and how many differ at all. */
  compared: number;
  differing: number;
  /** Largest |a - b| and |a - b| / |a| over all losses. */
  maxAbs: number;
  maxRel: number;
}

/** Compares two records of the same config loss by loss (bit-for-bit equality is "differing: 0"). */
export function compareRuns(a: RunRecord, b: RunRecord): RunComparison {
  const x = lossTrace(a);
  const y = lossTrace(b);
  const sameShape = x.length === y.length && x.every((p, i) => p.step === y[i].step && p.what === y[i].what);
  let differing = 0;
  let maxAbs = 0;
  let maxRel = 0;
  if (sameShape) {
    x.forEach((p, i) => {
      const d = Math.abs(p.value - y[i].value);
      if (d !== 0 || Number.isNaN(d)) differing++;
      maxAbs = Math.max(maxAbs, d);
      maxRel = Math.max(maxRel, p.value !== 0 ? d / Math.abs(p.value) : d);
    });
  }
  return {sameShape, compared: sameShape ? x.length : 0, differing, maxAbs, maxRel};
}
