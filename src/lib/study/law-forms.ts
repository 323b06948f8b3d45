// Which joint law describes each family and dataset: the paper's additive law and the Kaplan
// form with an N-D interaction, each on all runs and on the runs that beat the constant predictor,
// compared by leave-one-out prediction error and lack of fit (scaling/law-selection.ts). One
// table row per family x dataset, computed by the analysis step (data-loaders/analysis), shown on
// the Scaling page.
import {aboveChance, assessLawForm, type ChanceOptions, type ChancePoint, type FormAssessment, type FormFitOptions, type LawFormName} from "../scaling/index.js";
import {lossPoints, type KeyedLossPoint} from "./points.js";
import {oodConstantColumn, type RunRow} from "./run-row.js";
import type {TableRow} from "./fits.js";

/** The four columns of the comparison: each form on all runs and on the runs above chance. */
export const FORM_VARIANTS: readonly {id: string; form: LawFormName; aboveChance: boolean}[] = [
  {id: "joint", form: "joint", aboveChance: false},
  {id: "kaplan", form: "kaplan", aboveChance: false},
  {id: "joint_above", form: "joint", aboveChance: true},
  {id: "kaplan_above", form: "kaplan", aboveChance: true}
];

/**
 * The constant predictor's ID test loss of a run (family, D), or null when unknown. For the SL
 * families (BCE over the ID labels) it follows from label prevalences (constantBce); the SSL
 * objectives have no such reference here.
 */
export type IdConstant = (family: string, records: number) => number | null;

/**
 * Test BCE (mean over labels) of the constant predictor that outputs the training prevalences:
 * mean_k -[q_k log p_k + (1 - q_k) log(1 - p_k)], p = training prevalences, q = test prevalences.
 */
export function constantBce(trainPrevalence: readonly number[], testPrevalence: readonly number[]): number {
  let s = 0;
  trainPrevalence.forEach((p, k) => {
    const q = testPrevalence[k]!;
    const c = Math.min(1 - 1e-7, Math.max(1e-7, p));
    s -= q * Math.log(c) + (1 - q) * Math.log(1 - c);
  });
  return s / trainPrevalence.length;
}

/** A family's loss points on a dataset with the constant predictor's loss of each run (OOD: from the runs table). */
export function chancePoints(rows: readonly RunRow[], family: string, dataset: string, idConstant?: IdConstant): (KeyedLossPoint & ChancePoint)[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return lossPoints(rows, family, dataset).map((p) => {
    const row = byKey.get(p.key)!;
    const value = dataset === "id" ? (idConstant?.(family, p.D) ?? null) : row[oodConstantColumn(dataset)];
    return {...p, constant: typeof value === "number" && Number.isFinite(value) ? value : null};
  });
}

export interface LawFormsOptions {
  idConstant?: IdConstant;
  chance?: ChanceOptions;
  fit?: FormFitOptions;
  /** Leave-one-N-out and leave-one-D-out folds too (default true). */
  extrapolation?: boolean;
}

const finite = (x: number | null | undefined): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

function variantColumns(id: string, a: FormAssessment, n: number): TableRow {
  const out: TableRow = {[`${id}_n`]: n, [`${id}_ok`]: a.fit.ok, [`${id}_reason`]: a.fit.ok ? null : a.fit.message};
  if (!a.fit.ok) return out;
  const lof = a.lackOfFit!;
  Object.assign(out, {
    [`${id}_loo`]: finite(a.loo?.rmsLog),
    [`${id}_loo_relative`]: finite(a.loo?.rmsRelative),
    [`${id}_loo_failed`]: a.loo?.failedFolds ?? null,
    [`${id}_loo_N`]: finite(a.looN?.rmsLog),
    [`${id}_loo_N_failed`]: a.looN ? `${a.looN.failedFolds}/${a.looN.folds}` : null,
    [`${id}_loo_D`]: finite(a.looD?.rmsLog),
    [`${id}_loo_D_failed`]: a.looD ? `${a.looD.failedFolds}/${a.looD.folds}` : null,
    [`${id}_lof_p`]: finite(lof.p),
    [`${id}_lof_method`]: lof.method,
    [`${id}_residual_sd`]: finite(lof.residualSd),
    [`${id}_replicate_sd`]: finite(lof.replicateSd),
    [`${id}_warnings`]: a.fit.warnings.join("; ") || null
  });
  const p = a.fit.params;
  if (a.form === "joint") Object.assign(out, {[`${id}_alpha`]: p.alpha, [`${id}_beta`]: p.beta, [`${id}_E`]: p.E});
  else Object.assign(out, {[`${id}_alphaN`]: p.alphaN, [`${id}_alphaD`]: p.alphaD, [`${id}_E`]: p.E});
  return out;
}

/**
 * One row: runs, runs with a known constant-predictor loss, runs at chance (dropped by the
 * restriction, with their keys), then for each variant of FORM_VARIANTS its points, fit status,
 * leave-one-out RMS log errors (run, N, D folds), lack-of-fit p and method, residual and replicate
 * SD, and exponents. A restricted variant with nothing dropped repeats the unrestricted one.
 */
export function lawFormsRow(rows: readonly RunRow[], family: string, dataset: string, options: LawFormsOptions = {}): TableRow {
  const points = chancePoints(rows, family, dataset, options.idConstant);
  const {kept, dropped} = aboveChance(points, options.chance);
  const row: TableRow = {
    family,
    dataset,
    runs: points.length,
    with_constant: points.filter((p) => p.constant !== null).length,
    at_chance: dropped.length,
    at_chance_keys: dropped.map((p) => p.key).join(",") || null
  };
  const assessed = new Map<LawFormName, FormAssessment>();
  for (const v of FORM_VARIANTS) {
    const use = v.aboveChance ? kept : points;
    const a = v.aboveChance && dropped.length === 0 ? assessed.get(v.form)! : assessLawForm(v.form, use, {...options.fit, extrapolation: options.extrapolation});
    if (!v.aboveChance) assessed.set(v.form, a);
    Object.assign(row, variantColumns(v.id, a, use.length));
  }
  return row;
}

export interface FormVerdict {
  /** The form with the lower leave-one-out error, the other, and both errors (RMS log). */
  better: LawFormName;
  other: LawFormName;
  loo: number;
  otherLoo: number;
  /** Lack-of-fit p of each (null without a test). */
  lofP: number | null;
  otherLofP: number | null;
  runs: number;
}

/** Which form predicts left-out runs better on a row (all runs, or above chance); null unless both fitted. */
export function formVerdict(row: Readonly<Record<string, unknown>>, aboveChanceOnly = false): FormVerdict | null {
  const suffix = aboveChanceOnly ? "_above" : "";
  const loo = (f: LawFormName) => row[`${f}${suffix}_loo`];
  const j = loo("joint");
  const k = loo("kaplan");
  if (typeof j !== "number" || typeof k !== "number") return null;
  const better: LawFormName = k < j ? "kaplan" : "joint";
  const other: LawFormName = better === "joint" ? "kaplan" : "joint";
  const p = (f: LawFormName) => (typeof row[`${f}${suffix}_lof_p`] === "number" ? (row[`${f}${suffix}_lof_p`] as number) : null);
  return {better, other, loo: Math.min(j, k), otherLoo: Math.max(j, k), lofP: p(better), otherLofP: p(other), runs: Number(row[`joint${suffix}_n`])};
}
