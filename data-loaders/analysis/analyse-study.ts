// The study's analysis tables (fits, transfer, frontier, iso-loss), computed once per set
// of runs and cached in .cache/analysis/ (keyed by the runs and the analysis version), so
// the four loaders that publish them do not each refit everything.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {cacheRoot, writeFileAtomic} from "../../training/data.js";
import {allocationColumns, familyResamples, fitRowWithDraws, frontierRow, isoLossRows, transferRow, type TableRow} from "../../src/lib/study/fits.js";
import {lawFormsRow, type IdConstant} from "../../src/lib/study/law-forms.js";
import {idConstantFor} from "./id-constant.js";
import type {CurveRow, RunRow} from "../../src/lib/study/run-row.js";
import {loadStudyRuns} from "../runs/study-runs.js";
import {curveRows, runRow} from "../runs/to-rows.js";

/** Bump when the analysis would give other numbers for the same runs. */
const ANALYSIS_VERSION = "5"; // 2: the compute frontier over every evaluation; 3: its compute range; 4: shared resamples, floors refitted in the transfer bootstrap, lack of fit, draws; 5: the law-forms table
/**
 * Bootstrap resamples per interval of the joint and transfer laws in the published tables: 600
 * (was 400). The Monte-Carlo error of a 2.5% percentile end shrinks by sqrt(1.5), and bootstrap
 * p-values resolve 1 / 601, below the Holm threshold for the first of 12 claims (0.05 / 12).
 * Measured on the committed standard study (64 runs, 36 joint fits, a shared 2-core machine under
 * load): 200 resamples take 19 s, so 600 take about a minute under that load and about 35-40 s
 * on an idle core; 1,000 would not fit the one-minute budget. Sharing each family's resamples
 * between its ID, OOD and transfer fits makes the floor refits of the transfer bootstrap free
 * (they are the joint fits' own refits).
 */
export const RESAMPLES = 600;
/** Resamples of the compute-frontier fits (no finding is decided on them; as before). */
export const FRONTIER_RESAMPLES = 400;

export interface StudyAnalysis {
  study: string;
  fits: TableRow[];
  transfer: TableRow[];
  frontier: TableRow[];
  isoLoss: TableRow[];
  /** Which joint law describes each family and dataset (src/lib/study/law-forms.ts), one row each. */
  forms: TableRow[];
}

export async function analyseStudy(onProgress: (line: string) => void = () => {}): Promise<StudyAnalysis> {
  const {study, runs} = await loadStudyRuns();
  const rows = runs.map((run) => runRow(study.name, run, study.ood));
  const curves = runs.flatMap((run) => curveRows(run, study.ood));
  const {idConstant, source: idConstantSource} = idConstantFor(runs.map((run) => run.config));
  const idConstants = rows.map((r) => idConstant(r.family, r.records));
  const hash = createHash("sha256").update(JSON.stringify({v: ANALYSIS_VERSION, RESAMPLES, FRONTIER_RESAMPLES, keys: rows.map((r) => r.key).sort(), idConstants})).digest("hex").slice(0, 16);
  const path = join(cacheRoot(), "analysis", `${study.name}-${hash}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, "utf8")) as StudyAnalysis;
  onProgress(`analysis: the constant predictor's ID loss of the SL runs ${idConstantSource}`);
  const analysis = analyseRows(study.name, study.families, ["id", ...study.ood], rows, curves, onProgress, idConstant);
  mkdirSync(join(cacheRoot(), "analysis"), {recursive: true});
  writeFileAtomic(path, JSON.stringify(analysis));
  return analysis;
}

/** Every fit of a study's run rows (uncached): what analyseStudy computes for the configured study. */
export function analyseRows(study: string, families: string[], datasets: string[], rows: RunRow[], curves: CurveRow[], log: (line: string) => void, idConstant: IdConstant): StudyAnalysis {
  const fits: TableRow[] = [];
  const transfer: TableRow[] = [];
  const frontier: TableRow[] = [];
  const isoLoss: TableRow[] = [];
  const forms: TableRow[] = [];
  for (const family of families) {
    const started = Date.now();
    // One set of resamples of the family's runs for all its fits: resample r of the transfer law
    // uses the floors of the ID and OOD laws refitted on resample r.
    const resampling = familyResamples(rows, family, RESAMPLES, 1);
    const floorDraws = new Map<string, Float64Array>();
    for (const dataset of datasets) {
      const {row: fit, floorDraws: draws} = fitRowWithDraws(rows, family, dataset, {resamples: RESAMPLES, resampling});
      floorDraws.set(dataset, draws);
      const law = fit.ok ? {E: fit.E as number, A: fit.A as number, alpha: fit.alpha as number, B: fit.B as number, beta: fit.beta as number} : undefined;
      fits.push(law ? {...fit, ...allocationColumns(rows, family, law)} : fit);
      frontier.push(frontierRow(rows, curves, family, dataset, {resamples: FRONTIER_RESAMPLES}));
      if (law) isoLoss.push(...isoLossRows(rows, family, dataset, law));
      forms.push(lawFormsRow(rows, family, dataset, {idConstant}));
    }
    const floor = (dataset: string) => fits.find((f) => f.family === family && f.dataset === dataset && f.ok)?.E as number | undefined;
    for (const dataset of datasets.filter((d) => d !== "id")) {
      const floors = {id: floor("id"), ood: floor(dataset), idDraws: floorDraws.get("id"), oodDraws: floorDraws.get(dataset)};
      transfer.push(transferRow(rows, family, dataset, floors, {resamples: RESAMPLES, resampling}));
    }
    log(`analysis: ${family} fitted on ${datasets.length} datasets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return {study, fits, transfer, frontier, isoLoss, forms};
}

/** Rows with the union of all rows' columns, missing cells as null (Parquet needs one schema). */
export function rectangular(rows: TableRow[]): TableRow[] {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
}
