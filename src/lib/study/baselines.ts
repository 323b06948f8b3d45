// Each OOD task's three reference points side by side: the constant predictor, the simple-feature baseline
// (a handful of ECG measurements and the runs' own linear probe: training/eval/feature-baseline.ts) and the best
// run's probe. Browser-safe and pure: the Absolute performance page and `npm run audit` both use it.
//
// The best probe and the baseline are different models scored on the same test records, but the run records keep
// only each probe's loss and standard error, not its per-record losses: a paired comparison is not possible, so
// the difference is judged by the unpaired z = (baseline - probe) / sqrt(SE_baseline^2 + SE_probe^2). With the
// same test records the two losses are positively correlated, so the unpaired SE is larger than the paired one:
// the verdict is conservative. The best probe is the minimum over every run of the study on the test loss itself,
// which favours it a little (a selection effect the z does not account for).

/** The baseline of one OOD task (the fields of training/eval/feature-baseline.ts's FeatureBaseline that are used here). */
export interface BaselineScore {
  dataset: string;
  loss: number;
  lossSe: number;
  auroc: number | null;
  constantLoss: number;
  /** SE of the paired per-record difference baseline - constant (same test records, same constant). */
  lossVsConstantSe?: number;
  features?: string[];
}

/** One run's probe on one OOD task. */
export interface ProbeCandidate {
  dataset: string;
  key: string;
  family: string;
  /** Backbone parameters and pre-training records. */
  N: number;
  D: number;
  loss: number;
  lossSe: number | null;
  auroc: number | null;
  constantLoss: number | null;
}

export type BaselineVerdict = "beats" | "within" | "loses" | "no probe";

export interface BaselineComparison {
  dataset: string;
  constantLoss: number;
  baselineLoss: number;
  baselineSe: number;
  baselineAuroc: number | null;
  /** The baseline is below the constant predictor by more than two standard errors of their paired difference (or of the baseline's loss when that is not known). */
  baselineBeatsConstant: boolean;
  runs: number;
  best: ProbeCandidate | null;
  /** The best probe is below the constant predictor by more than two standard errors of its loss (as the audit counts it). */
  probeBeatsConstant: boolean | null;
  /** Unpaired z of the baseline's loss minus the best probe's: positive when the probe is lower. */
  z: number | null;
  /** beats: z > 2; loses: z < -2; within: |z| <= 2. */
  verdict: BaselineVerdict;
  /** The run records' constant predictor agrees with the baseline's (the same corpus and split); false flags a mismatch. */
  sameConstant: boolean | null;
}

/** Standard errors apart a difference must be to count. */
export const BASELINE_Z = 2;

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/** Per baseline (in its order): the best of `probes` on its dataset (lowest finite test loss) and the verdicts. */
export function compareToBaselines(baselines: readonly BaselineScore[], probes: readonly ProbeCandidate[]): BaselineComparison[] {
  return baselines.map((b) => {
    const candidates = probes.filter((p) => p.dataset === b.dataset && finite(p.loss));
    const best = candidates.reduce<ProbeCandidate | null>((m, p) => (m === null || p.loss < m.loss ? p : m), null);
    const constantSe = finite(b.lossVsConstantSe) ? b.lossVsConstantSe : b.lossSe;
    const baselineBeatsConstant = b.loss < b.constantLoss - BASELINE_Z * constantSe;
    const jointSe = best && finite(best.lossSe) ? Math.hypot(b.lossSe, best.lossSe) : NaN;
    const z = best && jointSe > 0 ? (b.loss - best.loss) / jointSe : null;
    const verdict: BaselineVerdict = z === null ? "no probe" : z > BASELINE_Z ? "beats" : z < -BASELINE_Z ? "loses" : "within";
    return {
      dataset: b.dataset,
      constantLoss: b.constantLoss,
      baselineLoss: b.loss,
      baselineSe: b.lossSe,
      baselineAuroc: b.auroc,
      baselineBeatsConstant,
      runs: candidates.length,
      best,
      probeBeatsConstant: best && finite(best.lossSe) && finite(best.constantLoss) ? best.loss < best.constantLoss - BASELINE_Z * best.lossSe : null,
      z,
      verdict,
      sameConstant: best && finite(best.constantLoss) ? Math.abs(best.constantLoss - b.constantLoss) <= 1e-6 * Math.max(1, b.constantLoss) : null
    };
  });
}

/** A sentence per comparison's verdict, for tables and terminals. */
export function verdictText(c: BaselineComparison): string {
  if (c.verdict === "no probe" || c.z === null) return "no probe to compare";
  const z = `z = ${c.z.toFixed(1)}`;
  return c.verdict === "beats" ? `the probe beats the baseline (${z})` : c.verdict === "loses" ? `the baseline beats the probe (${z})` : `within ${BASELINE_Z} SE (${z})`;
}
