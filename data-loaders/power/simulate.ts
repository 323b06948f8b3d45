// Power of a study design: studies drawn from a pilot's laws and noise (pilot.ts), fitted and decided
// by the report's own code: fitRowWithDraws and transferRow with each family's shared resamples, as
// the analysis loader computes its tables (data-loaders/analysis/analyse-study.ts, with the same number
// of resamples), then findings() with its calibrated rules and Holm's correction over the 12 claims.
// What is printed per claim is the share of simulated studies in which it is decided (supported or
// not supported) after that correction.
import {clopperPearson, createRng, type Rng} from "../../src/lib/scaling/index.js";
import {familyResamples, fitRowWithDraws, transferRow, type TableRow} from "../../src/lib/study/fits.js";
import {findings, type Finding} from "../../src/lib/study/findings.js";
import {oodColumn, type RunRow} from "../../src/lib/study/run-row.js";
import {backboneSize, type Family, type TrainConfig, architectureOf, paradigmOf} from "../../training/models.js";
import {sizeLabel} from "../runs/to-rows.js";
import {planStudy, type Study} from "../../training/studies.js";
import {predictRun, type CostModel} from "./cost.js";
import {paperTruth, pilotLaw, pilotTruth, type Pilot, type Truth} from "./pilot.js";

export type Verdict = "supported" | "not supported" | "undetermined";

export interface SimulationOptions {
  simulations: number;
  /** Seed of the simulated noise (each simulation i draws from seed x 7919 + i). */
  seed: number;
  /** Bootstrap resamples per fit (the report's: 600; fewer cannot pass Holm's first threshold, see MIN_DECISIVE_RESAMPLES). */
  resamples: number;
  /** Multiplies every seed and misfit SD of the pilot (1: as measured). */
  noiseScale: number;
  /** Draw each cell's departure from the law (misfit) as measured (default), or none. */
  misfit: boolean;
  /** The laws studies are drawn from: the pilot's own fits, or laws under which every claim of the paper holds (pilot.ts, paperTruth). */
  truth: "pilot" | "paper";
  onSimulation?: (i: number, claims: Record<string, SimulatedClaim>) => void;
}

/**
 * Bootstrap p-values are (draws on the wrong side + 1) / (resamples + 1), and a claim's p is
 * two-sided: with fewer resamples than this, even a claim whose every draw is on its side cannot
 * pass Holm's first threshold (0.05 / 12), so a simulation with fewer says nothing about power.
 */
export const MIN_DECISIVE_RESAMPLES = Math.ceil((2 * 12) / 0.05);

export interface PlannedCell {
  config: TrainConfig;
  family: Family;
  size: string;
  params: number;
  macs: number;
  evaluations: number;
}


/** Every run a design plans (planStudy), with its parameters and MACs from the model code (training/families/cost.ts). */
export function plannedRuns(study: Study): PlannedCell[] {
  return planStudy(study, "power").map(({config}) => {
    const {params, macsPerSample} = backboneSize(config);
    return {config, family: config.family, size: sizeLabel(config), params, macs: macsPerSample, evaluations: Math.ceil(config.steps / config.evalEvery)};
  });
}

/** Worker-seconds of a design under a cost model (every run to its last step: no early stop), by family. */
export function designCost(study: Study, model: CostModel): {total: number; byFamily: Record<string, number>; runs: number; largestRun: number} {
  const byFamily: Record<string, number> = {};
  let total = 0;
  let largestRun = 0;
  const runs = plannedRuns(study);
  for (const r of runs) {
    const s = predictRun(model, r.family, r.macs, r.config.batch, r.config.steps, r.evaluations).total;
    byFamily[r.family] = (byFamily[r.family] ?? 0) + s;
    total += s;
    largestRun = Math.max(largestRun, s);
  }
  return {total, byFamily, runs: runs.length, largestRun};
}

/** One simulated study's runs table: each planned run's losses drawn from the pilot's laws and noise. */
export function simulateRows(pilot: Pilot, truth: Truth, runs: readonly PlannedCell[], rng: Rng, options: Pick<SimulationOptions, "noiseScale" | "misfit">): RunRow[] {
  const cellEffects = new Map<string, Map<string, number>>();
  const rows: RunRow[] = [];
  for (const run of runs) {
    const c = run.config;
    const cell = `${run.family}|${run.size}|${c.records}`;
    let effects = cellEffects.get(cell);
    if (!effects) {
      effects = new Map();
      for (const dataset of pilot.datasets) {
        const l = pilotLaw(pilot, run.family, dataset);
        effects.set(dataset, options.misfit && l ? options.noiseScale * l.misfitSd * rng.normal() : 0);
      }
      cellEffects.set(cell, effects);
    }
    const z = rng.normal();
    const row: RunRow = {
      key: `${cell}|${c.seed}`,
      study: "simulated",
      family: run.family,
      architecture: architectureOf(run.family),
      paradigm: paradigmOf(run.family),
      size: run.size,
      params: run.params,
      records: c.records,
      steps: c.steps,
      steps_done: c.steps,
      batch: c.batch,
      learning_rate: c.learningRate,
      seed: c.seed,
      macs: run.macs,
      flops: 6 * run.macs * c.batch * c.steps,
      stopped_early: false,
      chosen_step: c.steps,
      best_val_loss: NaN,
      best_id_loss: NaN,
      id_loss_se: null,
      best_id_auroc: null,
      final_id_loss: NaN,
      final_id_auroc: null,
      final_train_loss: NaN,
      backend: "simulated",
      backend_version: "",
      threads: 1,
      wall_seconds: 0,
      samples_per_second: 0
    };
    for (const dataset of pilot.datasets) {
      const l = pilotLaw(pilot, run.family, dataset);
      const column = dataset === "id" ? "best_id_loss" : oodColumn(dataset, "loss");
      const f = truth(run.family, dataset);
      if (!l || !f) {
        row[column] = null;
        continue;
      }
      const rho = l.idCorrelation;
      const u = dataset === "id" ? z : rho * z + Math.sqrt(Math.max(0, 1 - rho * rho)) * rng.normal();
      const L = f(run.params, c.records) * Math.exp(effects.get(dataset)! + options.noiseScale * l.seedSd * u);
      row[column] = L;
    }
    row.best_val_loss = row.best_id_loss as number;
    row.final_id_loss = row.best_id_loss as number;
    rows.push(row);
  }
  return rows;
}

/** The fits and transfer tables of a runs table, as the analysis loader computes them (without the marginal laws, which no finding reads). */
export function fitTables(rows: readonly RunRow[], families: readonly string[], datasets: readonly string[], resamples: number): {fits: TableRow[]; transfer: TableRow[]} {
  const fits: TableRow[] = [];
  const transfer: TableRow[] = [];
  for (const family of families) {
    const resampling = familyResamples(rows, family, resamples, 1);
    const floorDraws = new Map<string, Float64Array>();
    for (const dataset of datasets) {
      const {row, floorDraws: draws} = fitRowWithDraws(rows, family, dataset, {resamples, resampling, marginals: false});
      floorDraws.set(dataset, draws);
      fits.push(row);
    }
    const floor = (dataset: string) => fits.find((f) => f.family === family && f.dataset === dataset && f.ok)?.E as number | undefined;
    for (const dataset of datasets.filter((d) => d !== "id")) {
      const floors = {id: floor("id"), ood: floor(dataset), idDraws: floorDraws.get("id"), oodDraws: floorDraws.get(dataset)};
      transfer.push(transferRow(rows, family, dataset, floors, {resamples, resampling}));
    }
  }
  return {fits, transfer};
}

export const verdictOf = (f: Finding): Verdict => (f.supported === true ? "supported" : f.supported === false ? "not supported" : "undetermined");

/** A claim in one simulated study: its verdict after Holm's correction, and its two-sided p before it (null: nothing tested). */
export interface SimulatedClaim {
  verdict: Verdict;
  p: number | null;
}

/** One simulated study of a design, decided: each claim's verdict after Holm's correction. */
export function simulateOnce(pilot: Pilot, runs: readonly PlannedCell[], index: number, options: SimulationOptions): Record<string, SimulatedClaim> {
  const rng = createRng(options.seed * 7919 + index + 1);
  const truth = options.truth === "paper" ? paperTruth(pilot) : pilotTruth(pilot);
  const rows = simulateRows(pilot, truth, runs, rng, options);
  const families = pilot.families.filter((f) => runs.some((r) => r.family === f));
  const {fits, transfer} = fitTables(rows, families, pilot.datasets, options.resamples);
  return Object.fromEntries(findings(fits, transfer, rows).map((f) => [f.id, {verdict: verdictOf(f), p: f.p}]));
}

export interface ClaimPower {
  id: string;
  decided: number;
  supported: number;
  notSupported: number;
  simulations: number;
  /** Studies in which the claim's own two-sided p is below 0.05 before Holm's correction over the 12 claims (a weaker bar). */
  nominal: number;
  /** 95% Clopper-Pearson interval of the decided share. */
  lo: number;
  hi: number;
}

export interface DesignPower {
  design: string;
  simulations: number;
  claims: ClaimPower[];
  /** Mean number of claims decided per simulated study. */
  meanDecided: number;
  /** Share of studies with at least 8 of the 12 claims decided (the bar). */
  atLeast8: number;
}

export function summarise(design: string, studies: Record<string, SimulatedClaim>[]): DesignPower {
  const ids = studies.length ? Object.keys(studies[0]!) : [];
  const n = studies.length;
  const claims = ids.map((id) => {
    const decided = studies.filter((v) => v[id]!.verdict !== "undetermined").length;
    const ci = clopperPearson(decided, n);
    return {
      id,
      decided,
      supported: studies.filter((v) => v[id]!.verdict === "supported").length,
      notSupported: studies.filter((v) => v[id]!.verdict === "not supported").length,
      simulations: n,
      nominal: studies.filter((v) => (v[id]!.p ?? 1) < 0.05).length,
      lo: ci.lo,
      hi: ci.hi
    };
  });
  const counts = studies.map((v) => Object.values(v).filter((x) => x.verdict !== "undetermined").length);
  return {design, simulations: n, claims, meanDecided: counts.reduce((s, x) => s + x, 0) / Math.max(1, n), atLeast8: counts.filter((x) => x >= 8).length / Math.max(1, n)};
}

export function simulateDesign(pilot: Pilot, study: Study, options: SimulationOptions): DesignPower {
  const runs = plannedRuns(study);
  const studies: Record<string, SimulatedClaim>[] = [];
  for (let i = 0; i < options.simulations; i++) {
    const v = simulateOnce(pilot, runs, i, options);
    options.onSimulation?.(i, v);
    studies.push(v);
  }
  return summarise(study.name, studies);
}
