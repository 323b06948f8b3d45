import type {BackendInfo} from "../backend/index.js";
import type {RunRecord} from "./run-record.js";

/**
 * The OpenBLAS kernel set a native run used ("Cooperlake", "Haswell", ...), read from the BLAS
 * configuration string in the run record; null without native kernels or when it does not say.
 * OpenBLAS picks it per CPU (OPENBLAS_CORETYPE overrides), and kernels sum in different orders.
 */
export function blasKernel(info: BackendInfo): string | null {
  const blas = info.native?.blas;
  if (!blas) return null;
  const m = /\b([A-Za-z][A-Za-z0-9]*)\s+MAX_THREADS=/.exec(blas);
  return m ? m[1] : null;
}

/** Relative difference allowed per loss when only the BLAS kernel differs (summation order, amplified by training). */
export const KERNEL_TOLERANCE = 1e-3;

export type ReproductionCheck =
  | {mode: "identical"; why: string}
  | {mode: "tolerance"; tolerance: number; why: string}
  | {mode: "none"; why: string};

/**
 * What a rerun on backend `now` can be held to against a run of backend `then`: bit-identical losses on
 * the same backend, version and kernels; within KERNEL_TOLERANCE (relative) when only the OpenBLAS
 * kernel differs; nothing when the backends differ (wasm and native kernels are different code).
 */
export function reproductionCheck(then: BackendInfo, now: BackendInfo): ReproductionCheck {
  const same = then.name === now.name && then.version === now.version && Boolean(then.native?.blas) === Boolean(now.native?.blas);
  if (!same) {
    const d = (b: BackendInfo) => `${b.name} ${b.version}${b.native?.blas ? " + native kernels" : ""}`;
    return {mode: "none", why: `stored on ${d(then)}, running on ${d(now)}: different code, no comparison is promised`};
  }
  const [a, b] = [blasKernel(then), blasKernel(now)];
  if (a === b) return {mode: "identical", why: a ? `same backend and OpenBLAS kernel (${a}): every loss must be bit-identical` : "same backend: every loss must be bit-identical"};
  return {mode: "tolerance", tolerance: KERNEL_TOLERANCE, why: `same backend, other OpenBLAS kernel (${a ?? "unknown"} then, ${b ?? "unknown"} now): every loss must agree within a relative ${KERNEL_TOLERANCE}`};
}

/** Whether a comparison passes its check. */
export function reproduces(check: ReproductionCheck, c: RunComparison): boolean {
  if (!c.sameShape) return false;
  if (check.mode === "identical") return c.differing === 0;
  if (check.mode === "tolerance") return c.maxRel <= check.tolerance;
  return true;
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
