/**
 * Label subsets for the label-scaling study (paper section 5, Fig. 6 and S.6; issue 16): which classes of a
 * long-tailed multi-label corpus a run pre-trains on, and which classes it is evaluated on, in the paper's two
 * scenarios.
 *
 * - dominant: the 10 % most frequent classes are the fixed evaluation set; the training label set is that set
 *   expanded at random to a fraction (30 %, 50 %, 100 %) of all classes.
 * - tail: classes with fewer than 10 training samples are excluded; of the rest, the 2 % least frequent are the
 *   fixed evaluation set; the training label set is that set expanded at random to the same fractions of the
 *   remaining (non-excluded) classes.
 *
 * A pure function of (class frequencies, scenario, fraction, seed). The expansion is nested: one seeded
 * permutation of the candidate classes per (seed, scenario), independent of the fraction, is taken in order,
 * so the 30 % set lies inside the 50 % set inside the 100 % set, and the fixed set is in all of them. Ties in
 * frequency are broken by class index (lower first). Fixed-set sizes are rounded up (at least one class), the
 * training-set sizes rounded to the nearest class and never below the fixed set.
 */
import {deriveSeed, Rng} from "../util/prng.js";

export type LabelScenario = "dominant" | "tail";

export const LABEL_SCENARIOS: readonly LabelScenario[] = ["dominant", "tail"];
/** The paper's training label fractions. */
export const LABEL_FRACTIONS: readonly number[] = [0.3, 0.5, 1];

export interface LabelSubsetRules {
  /** dominant: share of all classes fixed as the evaluation set (the most frequent). */
  dominantShare: number;
  /** tail: share of the eligible classes fixed as the evaluation set (the least frequent). */
  tailShare: number;
  /** tail: classes with fewer samples than this are excluded. */
  tailMinCount: number;
}

export const PAPER_LABEL_SUBSET_RULES: Readonly<LabelSubsetRules> = {dominantShare: 0.1, tailShare: 0.02, tailMinCount: 10};

export interface LabelSubset {
  scenario: LabelScenario;
  fraction: number;
  seed: number;
  /** The fixed evaluation classes (ascending class indices). */
  evaluation: number[];
  /** The training label set (ascending class indices); contains `evaluation`. */
  training: number[];
  /** Classes no run of the scenario sees (tail: fewer than tailMinCount samples; ascending). */
  excluded: number[];
  /** Classes the fractions are taken of (all classes minus the excluded ones). */
  eligible: number;
}

/**
 * The label subset of a scenario at a training fraction. `counts[c]` is the number of (training) records
 * carrying class c.
 */
export function labelSubset(counts: readonly number[], scenario: LabelScenario, fraction: number, seed: number, rules: Readonly<LabelSubsetRules> = PAPER_LABEL_SUBSET_RULES): LabelSubset {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`label subset: fraction must lie in (0, 1], got ${fraction}`);
  if (!LABEL_SCENARIOS.includes(scenario)) throw new Error(`label subset: unknown scenario "${scenario}" (known: ${LABEL_SCENARIOS.join(", ")})`);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`label subset: seed must be a non-negative integer, got ${seed}`);
  counts.forEach((n, c) => {
    if (!(n >= 0) || !Number.isFinite(n)) throw new Error(`label subset: count of class ${c} must be a finite number >= 0, got ${n}`);
  });
  const all = counts.map((_, c) => c);
  const excluded = scenario === "tail" ? all.filter((c) => counts[c]! < rules.tailMinCount) : [];
  const excludedSet = new Set(excluded);
  const eligible = all.filter((c) => !excludedSet.has(c));
  if (eligible.length === 0) throw new Error(`label subset: no class has ${rules.tailMinCount} or more samples`);

  // Fixed evaluation set: the most (dominant) or least (tail) frequent eligible classes, ties by index.
  const share = scenario === "dominant" ? rules.dominantShare : rules.tailShare;
  const byFrequency = [...eligible].sort((a, b) => (scenario === "dominant" ? counts[b]! - counts[a]! : counts[a]! - counts[b]!) || a - b);
  const nFixed = Math.min(eligible.length, Math.max(1, Math.ceil(share * eligible.length - 1e-9)));
  const evaluation = byFrequency.slice(0, nFixed).sort((a, b) => a - b);

  // Expansion: a seeded permutation of the other eligible classes, the same for every fraction (nesting).
  const fixedSet = new Set(evaluation);
  const candidates = eligible.filter((c) => !fixedSet.has(c));
  const rng = new Rng(deriveSeed(seed, "label-subset", scenario));
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const v = candidates[i]!;
    candidates[i] = candidates[j]!;
    candidates[j] = v;
  }
  const nTraining = Math.max(nFixed, Math.min(eligible.length, Math.round(fraction * eligible.length)));
  const training = [...evaluation, ...candidates.slice(0, nTraining - nFixed)].sort((a, b) => a - b);
  return {scenario, fraction, seed, evaluation, training, excluded, eligible: eligible.length};
}

/** Per-class positive counts of a multi-label split (labels row-major, `classes` columns). */
export function classCounts(labels: Uint8Array, classes: number): number[] {
  if (labels.length % classes !== 0) throw new Error(`label subset: ${labels.length} label bytes are not rows of ${classes} classes`);
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) if (labels[i]) counts[i % classes]!++;
  return counts;
}
