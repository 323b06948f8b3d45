import type {Study} from "./types.js";

/**
 * How many optimisation steps a study gives a run, and how often it evaluates it.
 *
 * A fixed number of steps makes every data size see the same number of samples, so compute does not depend on D
 * and the compute-optimal N-versus-D split is undefined. A step rule instead scales the budget with D: a number of
 * epochs over the run's D records, never fewer than `min` steps (small D still trains to convergence, with
 * validation early stopping to end overfitting runs) and never more than `max`.
 */
export interface StepRule {
  /** Passes over the run's D pre-training records. */
  epochs: number;
  /** Fewest steps, whatever D. */
  min: number;
  /** Most steps (optional cap). */
  max?: number;
}

/** Evaluate every this many steps, or this many times per run (the interval then grows with the run's steps). */
export type EvalRule = number | {evaluations: number};

export const isStepRule = (steps: number | StepRule): steps is StepRule => typeof steps !== "number";

/** The steps of a run of `records` records at batch `batch`. */
export function stepsFor(steps: number | StepRule, records: number, batch: number): number {
  if (!isStepRule(steps)) return steps;
  const byEpochs = Math.ceil((steps.epochs * records) / batch);
  return Math.min(steps.max ?? Infinity, Math.max(steps.min, byEpochs));
}

/** The evaluation interval of a run of `steps` steps. */
export function evalEveryFor(rule: EvalRule, steps: number): number {
  return typeof rule === "number" ? rule : Math.max(1, Math.ceil(steps / rule.evaluations));
}

/** Steps of every data size of a study, in its D order. */
export function studySteps(study: Study, batch: number): number[] {
  return study.records.map((records) => stepsFor(study.steps, records, batch));
}

/** The rule in words, for the pages and the command line ("1,000 steps"; "max(1,000, 4 epochs over D) steps"). */
export function describeSteps(steps: number | StepRule): string {
  const n = (x: number) => x.toLocaleString("en-US");
  if (!isStepRule(steps)) return `${n(steps)} steps`;
  return `max(${n(steps.min)}, ${n(steps.epochs)} epochs over D)${steps.max !== undefined ? `, at most ${n(steps.max)},` : ""} steps`;
}

export function describeEvaluation(rule: EvalRule): string {
  return typeof rule === "number" ? `every ${rule.toLocaleString("en-US")} steps` : `${rule.evaluations} times per run (every steps / ${rule.evaluations} steps)`;
}
