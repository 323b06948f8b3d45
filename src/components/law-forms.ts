// Which joint law describes each family and dataset, in a table and one sentence per family, from
// the law-forms table (src/lib/study/law-forms.ts): the paper's additive law and the Kaplan form,
// each on all runs and on the runs above chance, by leave-one-out error and lack of fit. Every
// number comes from the rows. Pure: strings in, strings out.
import {FORM_VARIANTS, formVerdict} from "../lib/study/law-forms.js";
import type {LawFormName} from "../lib/scaling/law-selection.js";
import {datasetName, familyName, fmt} from "./study-style.js";

type Row = Record<string, unknown>;

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : typeof x === "bigint" ? Number(x) : null);
const pct = (x: number) => `${fmt(100 * x, 2)}%`;

/** Column headers of the four variants. */
export const VARIANT_HEADERS: Record<string, string> = {
  joint: "joint additive",
  kaplan: "Kaplan interaction",
  joint_above: "joint, above chance",
  kaplan_above: "Kaplan, above chance"
};

/**
 * A cell: "LOO 3.1%, p 0.22", with the leave-one-N-out and leave-one-D-out errors when enough sizes
 * remained to refit ("N-out 5.2%"), or why there is no fit.
 */
export function variantCell(row: Row, id: string): string {
  if (row[`${id}_ok`] !== true) {
    const reason = String(row[`${id}_reason`] ?? "");
    const n = num(row[`${id}_n`]) ?? 0;
    return reason.includes("did not converge") ? `no fit: did not converge (${n} runs)` : reason.includes("needs at least") ? `no fit: ${n} runs left` : `no fit (${n} runs)`;
  }
  const loo = num(row[`${id}_loo`]);
  const p = num(row[`${id}_lof_p`]);
  const extrapolation = (["N", "D"] as const).flatMap((x) => {
    const e = num(row[`${id}_loo_${x}`]);
    return e === null ? [] : [`${x}-out ${pct(e)}`];
  });
  return [`LOO ${loo === null ? "–" : pct(loo)}`, ...extrapolation, `p ${p === null ? "–" : fmt(p, 2)}`].join(", ");
}

/** The table's rows: family, dataset, runs, runs at chance, one cell per variant. */
export function lawFormsTable(rows: readonly Row[]): Record<string, string | number>[] {
  return rows.map((r) => ({
    family: familyName(String(r.family)),
    dataset: String(r.dataset),
    runs: num(r.runs) ?? 0,
    "at chance": num(r.with_constant) ? (num(r.at_chance) ?? 0) : "no constant",
    ...Object.fromEntries(FORM_VARIANTS.map((v) => [VARIANT_HEADERS[v.id]!, variantCell(r, v.id)]))
  }));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const FORM_NAMES: Record<LawFormName, string> = {joint: "the paper's additive law", kaplan: "the Kaplan form"};
const formLabel = (f: LawFormName) => FORM_NAMES[f];

/**
 * A form is called better only when its error is at least this share lower than the other's:
 * smaller differences are within what one run more or less changes (a convention of this page).
 */
export const CLEAR_MARGIN = 0.1;
const clearlyLower = (a: number, b: number) => a <= (1 - CLEAR_MARGIN) * b;

/**
 * One sentence on a family: the form with the lower median leave-one-out error over the datasets
 * where both forms fit all runs, on how many datasets it wins and by how much; the ID verdict with
 * both lack-of-fit p; and what the above-chance restriction leaves of the ID runs.
 */
export function familyFormSentence(rows: readonly Row[], family: string): string {
  const mine = rows.filter((r) => r.family === family);
  const verdicts = mine.map((r) => ({r, v: formVerdict(r)})).filter((x) => x.v !== null);
  const name = familyName(family);
  if (verdicts.length === 0) return `${name}: neither form could be fitted and cross-validated on any dataset.`;
  const err = (f: LawFormName) => verdicts.map(({r}) => num(r[`${f}_loo`])!);
  const mJ = median(err("joint"));
  const mK = median(err("kaplan"));
  const better: LawFormName = mK < mJ ? "kaplan" : "joint";
  const [mB, mO] = better === "joint" ? [mJ, mK] : [mK, mJ];
  const wins = verdicts.filter(({v}) => v!.better === better).length;
  const over = `over the ${verdicts.length} datasets where both forms fit`;
  const parts = [
    clearlyLower(mB, mO)
      ? `${name}: ${formLabel(better)} predicts left-out runs better, with a median leave-one-out error of ${pct(mB)} against ${pct(mO)} (${fmt((100 * (mO - mB)) / mO, 2)}% lower) ${over}, and a lower error on ${wins} of them`
      : `${name}: the two forms predict left-out runs about equally well, with median leave-one-out errors of ${pct(mJ)} (additive) and ${pct(mK)} (Kaplan) ${over}; ${formLabel(better)} is lower on ${wins} of them`
  ];
  const id = mine.find((r) => r.dataset === "id");
  const idV = id ? formVerdict(id) : null;
  if (id && idV) {
    parts.push(
      clearlyLower(idV.loo, idV.otherLoo)
        ? `; in distribution ${formLabel(idV.better)} is better (${pct(idV.loo)} against ${pct(idV.otherLoo)}; lack-of-fit p ${fmt(idV.lofP ?? NaN, 2)} and ${fmt(idV.otherLofP ?? NaN, 2)})`
        : `; in distribution neither is clearly better (${pct(idV.loo)} for ${formLabel(idV.better)}, ${pct(idV.otherLoo)} for the other; lack-of-fit p ${fmt(idV.lofP ?? NaN, 2)} and ${fmt(idV.otherLofP ?? NaN, 2)})`
    );
  } else if (id) parts.push(`; in distribution the two forms cannot both be fitted`);
  if (id && num(id.with_constant)) {
    const dropped = num(id.at_chance) ?? 0;
    const kept = (num(id.runs) ?? 0) - dropped;
    const above = formVerdict(id, true);
    parts.push(
      dropped === 0
        ? `; no ID run is at chance`
        : above
          ? `; restricted to the ${kept} ID runs above chance (${dropped} dropped), ${formLabel(above.better)} has the lower error (${pct(above.loo)} against ${pct(above.otherLoo)})`
          : `; ${dropped} of ${num(id.runs)} ID runs are at chance, and the ${kept} left are too few to fit either form`
    );
  } else if (id) parts.push(`; the ID objective has no constant-predictor reference, so no ID run is dropped`);
  return parts.join("") + ".";
}

/** "8 of 12 ID runs of ResNet-SL, ..." : what the restriction drops, over all rows. */
export function droppedSummary(rows: readonly Row[]): {dropped: number; points: number; cells: string[]} {
  let dropped = 0;
  let points = 0;
  const cells: string[] = [];
  for (const r of rows) {
    const d = num(r.at_chance) ?? 0;
    points += num(r.runs) ?? 0;
    dropped += d;
    if (d > 0) cells.push(`${d} of ${num(r.runs)} on ${datasetName(String(r.dataset))} for ${familyName(String(r.family))}`);
  }
  return {dropped, points, cells};
}
