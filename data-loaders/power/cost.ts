// What a run costs in worker-seconds on this machine, from the run records the store keeps.
//
// A run record gives its wall time (training, its ID evaluations and the OOD probes at the chosen
// checkpoint; corpus loading excluded), its training throughput (samples per second over the
// training steps alone) and each evaluation's clock time. Three parts follow from one record:
//   training   = steps x batch / samplesPerSecond
//   evaluation = (clock at the last evaluation - training) / evaluations   (per evaluation)
//   probes     = wall - clock at the last evaluation                       (once per run)
// Each part is fitted per family as a power law in the run's forward MACs per sample (least squares
// on the log scale: t = k MACs^p per sample, per evaluation, per run). A power law rather than a
// line because per-MAC cost falls with model size (wider GEMMs run closer to the machine's peak);
// costExtrapolation() measures what that choice costs when the model sizes grow past the
// calibration runs, on the stale runs of another machine that cover a wider range of sizes.
//
// The sweep's own estimator (training/sweep/estimate.ts: wall = overhead + rate x MACs x batch x
// steps, one line per family) is kept for its ETAs; costComparison() prints both models' errors.
import {type StoredRun, estimateSeconds, secondsPerCost} from "../../training/studies.js";
import type {TrainConfig, RunRecord} from "../../training/models.js";

/** One run record's cost, split into its parts. */
export interface CostSample {
  key: string;
  codeVersion: string;
  family: string;
  params: number;
  macs: number;
  batch: number;
  steps: number;
  evaluations: number;
  /** Seconds per training sample (evaluation excluded). */
  perSample: number;
  /** Seconds per ID evaluation (validation and test splits). */
  perEvaluation: number;
  /** Seconds of the OOD probes at the chosen checkpoint (0 for records whose probes ran at every evaluation). */
  probes: number;
  wall: number;
  /** The machine's BLAS kernel name (e.g. "Zen", "Cooperlake"): records of different machines do not mix. */
  kernel: string;
}

export function costSample(run: StoredRun<TrainConfig, RunRecord>): CostSample {
  const r = run.result;
  const c = run.config;
  const train = (r.stepsDone * c.batch) / r.samplesPerSecond;
  const last = r.evaluations[r.evaluations.length - 1]!.seconds;
  const blas = r.backend.native?.blas ?? "";
  const kernel = / (Zen|Cooperlake|Haswell|SkylakeX|Skylake|Sandybridge|Prescott|Nehalem|Barcelona|Excavator|Bulldozer)\b/.exec(blas)?.[1] ?? (blas || r.backend.name);
  return {
    key: run.key,
    codeVersion: run.codeVersion,
    family: r.family,
    params: r.params,
    macs: r.macsPerSample,
    batch: c.batch,
    steps: r.stepsDone,
    evaluations: r.evaluations.length,
    perSample: train / (r.stepsDone * c.batch),
    perEvaluation: Math.max(0, last - train) / Math.max(1, r.evaluations.length),
    probes: Math.max(0, r.wallSeconds - last),
    wall: r.wallSeconds,
    kernel
  };
}

/** t = k x MACs^p. */
export interface PowerLaw {
  k: number;
  p: number;
}

export interface FamilyCost {
  perSample: PowerLaw;
  perEvaluation: PowerLaw;
  probes: PowerLaw;
  /** Runs and MACs range it was fitted on. */
  runs: number;
  macs: [number, number];
}

export interface CostModel {
  families: Record<string, FamilyCost>;
  /** What it was calibrated on (for the printout). */
  source: string;
}

const at = (law: PowerLaw, macs: number) => law.k * Math.pow(macs, law.p);

/** Least squares of log y on log x; a single x level gives p = 0 (a constant). */
function fitPowerLaw(xs: number[], ys: number[]): PowerLaw {
  const pts = xs.map((x, i) => ({x: Math.log(x), y: Math.log(Math.max(ys[i]!, 1e-9))}));
  const mx = pts.reduce((s, q) => s + q.x, 0) / pts.length;
  const my = pts.reduce((s, q) => s + q.y, 0) / pts.length;
  const sxx = pts.reduce((s, q) => s + (q.x - mx) ** 2, 0);
  const p = sxx > 0 ? pts.reduce((s, q) => s + (q.x - mx) * (q.y - my), 0) / sxx : 0;
  return {k: Math.exp(my - p * mx), p};
}

/**
 * Fit the cost model per family on cost samples of this machine and the current evaluation protocol.
 * With `shape` (records of another machine or protocol over a wider range of model sizes), the
 * training time's exponent p comes from them and only its level k from `samples` (the median of
 * perSample / MACs^p): the shape of a wide range, the speed of this machine.
 */
export function fitCostModel(samples: readonly CostSample[], source: string, shape: readonly CostSample[] = []): CostModel {
  const families: Record<string, FamilyCost> = {};
  for (const family of [...new Set(samples.map((s) => s.family))]) {
    const own = samples.filter((s) => s.family === family);
    const macs = own.map((s) => s.macs);
    const wide = shape.filter((s) => s.family === family);
    let perSample = fitPowerLaw(macs, own.map((s) => s.perSample));
    if (new Set(wide.map((s) => s.macs)).size >= 2) {
      const p = fitPowerLaw(wide.map((s) => s.macs), wide.map((s) => s.perSample)).p;
      const levels = own.map((s) => s.perSample / Math.pow(s.macs, p)).sort((a, b) => a - b);
      perSample = {k: levels[Math.floor(levels.length / 2)]!, p};
    }
    families[family] = {
      perSample,
      perEvaluation: fitPowerLaw(macs, own.map((s) => s.perEvaluation)),
      probes: fitPowerLaw(macs, own.map((s) => s.probes)),
      runs: own.length,
      macs: [Math.min(...macs), Math.max(...macs)]
    };
  }
  return {families, source};
}

export interface RunCost {
  train: number;
  evaluation: number;
  probes: number;
  total: number;
}

/** Worker-seconds of a run of `steps` steps of `batch`, evaluated `evaluations` times (all steps taken: no early stop). */
export function predictRun(model: CostModel, family: string, macs: number, batch: number, steps: number, evaluations: number): RunCost {
  const f = model.families[family];
  if (!f) throw new Error(`the cost model has no runs of family ${family} (${model.source})`);
  const train = steps * batch * at(f.perSample, macs);
  const evaluation = evaluations * at(f.perEvaluation, macs);
  const probes = at(f.probes, macs);
  return {train, evaluation, probes, total: train + evaluation + probes};
}

/** Seconds of a stored run as the model predicts it (its own steps, batch and evaluations). */
export const predictSample = (model: CostModel, s: CostSample): number => predictRun(model, s.family, s.macs, s.batch, s.steps, s.evaluations).total;

export interface ErrorSummary {
  runs: number;
  /** Median and largest |predicted / measured - 1|. */
  medianAbs: number;
  maxAbs: number;
  /** Sum predicted / sum measured - 1 (what a study's total would be off by). */
  total: number;
}

export function errorSummary(measured: number[], predicted: number[]): ErrorSummary {
  const rel = measured.map((m, i) => Math.abs(predicted[i]! / m - 1)).sort((a, b) => a - b);
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return {runs: rel.length, medianAbs: rel[Math.floor(rel.length / 2)] ?? NaN, maxAbs: rel[rel.length - 1] ?? NaN, total: sum(predicted) / sum(measured) - 1};
}

/** The sweep's estimator (one line per family) on the same runs, fitted on `calibration`. */
export function sweepEstimatorPredictions(calibration: StoredRun<TrainConfig, RunRecord>[], runs: StoredRun<TrainConfig, RunRecord>[]): number[] {
  const rates = secondsPerCost(calibration);
  return runs.map((run) =>
    estimateSeconds({key: run.key, config: run.config, cost: run.result.macsPerSample * run.config.batch * run.result.stepsDone}, rates)
  );
}

/**
 * How the model's form extrapolates in model size: on runs of one machine, fitted on the runs with
 * MACs at most `upTo` and scored on the larger ones (training time per sample only: the stale
 * records ran the probes at every evaluation, another protocol). The same split for the sweep's line.
 */
export function trainingExtrapolation(samples: readonly CostSample[], upTo: number): {family: string; fitted: number; scored: number; medianAbs: number; maxAbs: number; lineMedianAbs: number}[] {
  const out = [];
  for (const family of [...new Set(samples.map((s) => s.family))]) {
    const own = samples.filter((s) => s.family === family);
    const small = own.filter((s) => s.macs <= upTo);
    const large = own.filter((s) => s.macs > upTo);
    if (small.length < 2 || large.length === 0 || new Set(small.map((s) => s.macs)).size < 2) continue;
    const law = fitPowerLaw(small.map((s) => s.macs), small.map((s) => s.perSample));
    const rel = large.map((s) => Math.abs(at(law, s.macs) / s.perSample - 1)).sort((a, b) => a - b);
    // A line through the small runs' per-sample times (the sweep's form: cost proportional to MACs, plus a constant).
    const mx = small.reduce((acc, s) => acc + s.macs, 0) / small.length;
    const my = small.reduce((acc, s) => acc + s.perSample, 0) / small.length;
    const slope = small.reduce((acc, s) => acc + (s.macs - mx) * (s.perSample - my), 0) / small.reduce((acc, s) => acc + (s.macs - mx) ** 2, 0);
    const line = large.map((s) => Math.abs((my + slope * (s.macs - mx)) / s.perSample - 1)).sort((a, b) => a - b);
    out.push({family, fitted: small.length, scored: large.length, medianAbs: rel[Math.floor(rel.length / 2)]!, maxAbs: rel[rel.length - 1]!, lineMedianAbs: line[Math.floor(line.length / 2)]!});
  }
  return out;
}

export const formatHours = (seconds: number): string => `${(seconds / 3600).toFixed(1)} h`;
