// Text descriptions of figures, generated from the rows a figure draws, for screen readers
// (Figure's aria-describedby): how many points of what, over which ranges, in which groups, and
// the fitted numbers the page passes. describeFigure({subject, rows, ...}) -> sentences.
import {fmt} from "./study-style.js";

export interface DescribedRange {
  label: string;
  key: string;
  format?: (x: number) => string;
}

export interface DescribeOptions {
  /** What the figure shows, e.g. "Best loss against model size N on ptbxl-super". */
  subject: string;
  rows: readonly Record<string, unknown>[];
  /** What one row is, plural: "runs", "evaluations", "cells". */
  noun: string;
  ranges?: DescribedRange[];
  /** A column that splits the rows into groups (families, datasets), with names for its values. */
  group?: {label: string; key: string; name?: (value: string) => string};
  /** Further sentences: fitted exponents, what is left out. */
  notes?: readonly string[];
}

const finite = (values: unknown[]) => values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));

export function describeFigure(options: DescribeOptions): string {
  const {rows, noun} = options;
  if (rows.length === 0) return `${options.subject}: no ${noun} to show.`;
  const parts = [`${options.subject}: ${rows.length} ${noun}`];
  if (options.group) {
    const {key, name = (v: string) => v} = options.group;
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(String(r[key]), (counts.get(String(r[key])) ?? 0) + 1);
    parts[0] += ` in ${counts.size} ${options.group.label} (${[...counts].map(([g, n]) => `${name(g)} ${n}`).join(", ")})`;
  }
  const ranges = (options.ranges ?? []).flatMap((range) => {
    const v = finite(rows.map((r) => r[range.key]));
    if (v.length === 0) return [];
    const f = range.format ?? ((x: number) => fmt(x));
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    return [lo === hi ? `${range.label} ${f(lo)}` : `${range.label} from ${f(lo)} to ${f(hi)}`];
  });
  const first = parts[0] + (ranges.length ? `; ${ranges.join(", ")}` : "") + ".";
  return [first, ...(options.notes ?? [])].join(" ");
}
