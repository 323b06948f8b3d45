// The shapes of findings: a finding, its evidence, the tables it is decided on, a draft before the correction over claims.
import {type RunRow} from "../run-row.js";
import {type Decision} from "./statistics.js";

export type Support = boolean | "undetermined";

export interface Evidence {
  label: string;
  value: number;
  lo?: number | null;
  hi?: number | null;
}

export interface Finding {
  id: string;
  /** The paper's claim, in words (no numbers). */
  claim: string;
  /** The claim restated with this study's numbers; says what the numbers imply. */
  text: string;
  supported: Support;
  /** Every number the sentence uses, with its interval where it has one. */
  evidence: Evidence[];
  /** How the verdict was decided. */
  rule: string;
  /** The claim's two-sided p-value before and after Holm's correction over the claims (null when nothing was tested). */
  p: number | null;
  pAdjusted: number | null;
  /** The claim's one-sided p-values for it and against it, before the correction (null when nothing was tested). */
  pSupport: number | null;
  pContra: number | null;
}

export type Cell = string | number | boolean | null | undefined | bigint;

export type TableRow = Record<string, Cell>;

export const num = (v: Cell): number | null => {
  if (typeof v === "bigint") return Number(v);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};

// Estimates, their bootstrap distributions and one-sided p-values

/** A finding before the correction over claims: its units' decision, and the sentence for each verdict. */
export interface Draft {
  id: string;
  claim: string;
  heads: [string, string, string];
  /** The sentence after the head (null: `fixed` is the whole sentence). */
  body: string | null;
  fixed?: string;
  evidence: Evidence[];
  rule: string;
  decision: Decision;
}

export interface Tables {
  fits: readonly TableRow[];
  transfer: readonly TableRow[];
  runs: readonly RunRow[];
}
