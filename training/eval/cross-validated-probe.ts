/**
 * Linear probing on a dataset too small for fixed splits (the 120 real records): k-fold
 * cross-validation per binary label, each fold's probe (L2 logistic regression, see
 * linear-probe.ts) fitted on k-2 folds, its lambda chosen on one and scored on the held-out
 * fold; AUROC of the pooled out-of-fold scores. Labels with fewer than `minPositives`
 * positives are skipped (their AUROC would be noise). The probe is deterministic: `seed` is
 * accepted for compatibility and unused.
 */
import {auroc} from "./auroc.js";
import {trainLinearProbe} from "./linear-probe.js";

export interface LabelProbe {
  label: string;
  positives: number;
  auroc?: number;
}

export function crossValidatedProbe(x: Float32Array, dims: number, labels: Uint8Array, names: readonly string[], options: {folds?: number; minPositives?: number; seed?: number} = {}): LabelProbe[] {
  const {folds = 5, minPositives = 6} = options;
  const n = x.length / dims;
  const k = names.length;
  return names.map((label, c) => {
    const y = Float32Array.from({length: n}, (_, i) => labels[i * k + c]);
    const positives = y.reduce((a, b) => a + b, 0);
    if (positives < minPositives || n - positives < minPositives) return {label, positives};
    // Stratified folds: positives and negatives dealt round-robin.
    const fold = new Int32Array(n);
    let p = 0, q = 0;
    for (let i = 0; i < n; i++) fold[i] = y[i] ? p++ % folds : q++ % folds;
    const scores = new Float64Array(n);
    for (let f = 0; f < folds; f++) {
      const val = (f + 1) % folds;
      const pick = (keep: (g: number) => boolean) => {
        const idx = [...Array(n).keys()].filter((i) => keep(fold[i]));
        const xs = new Float32Array(idx.length * dims);
        idx.forEach((i, j) => xs.set(x.subarray(i * dims, (i + 1) * dims), j * dims));
        return {idx, split: {x: xs, y: Float32Array.from(idx, (i) => y[i]), n: idx.length}};
      };
      const train = pick((g) => g !== f && g !== val);
      const valid = pick((g) => g === val);
      const test = pick((g) => g === f);
      const result = trainLinearProbe(train.split, valid.split, test.split, {kind: "multilabel", classes: 1, dims, scores: true});
      test.idx.forEach((i, j) => (scores[i] = result.testScores![j]));
    }
    return {label, positives, auroc: auroc(scores, y)};
  });
}
