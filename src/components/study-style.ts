// What the report's analysis charts share: the four families' order, colours and names, the
// datasets' names, number formats, run tooltips and links, and a message element for
// cannot-fit results (shown instead of a chart, never NaN).
import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import {FAMILY_ORDER, familyLabel} from "../lib/families.js";

/** A run as the charts draw it: its key (for the link to its curves), family, N, D and a loss. */
export interface RunPoint {
  key: string;
  family: string;
  N: number;
  D: number;
  L: number;
  [field: string]: unknown;
}

/** The families in the report's order (src/lib/families.ts). */
export const FAMILIES: readonly string[] = FAMILY_ORDER;
/**
 * ResNet blues, Transformer reds; supervised darker, self-supervised lighter. Each has a contrast
 * of at least 3:1 (WCAG's for graphics) on the light theme's white and the dark theme's near-black.
 */
export const FAMILY_COLORS = ["#2f6bbf", "#5c93d6", "#c0392b", "#e0703a"];
/** Families are told apart by their marks and line dashes too, never by colour alone. */
export const FAMILY_SYMBOLS = ["circle", "square", "triangle", "diamond"];
export const FAMILY_DASHES = ["none", "6,3", "2,2", "9,3,2,3"];
const OTHER_SYMBOLS = ["cross", "star", "wye", "times"];
/** "ResNet-SL" (src/lib/families.ts). */
export const familyName = familyLabel;

/** The color scale of the families (the study's families first, in the paper's order). */
export function familyColor(families: readonly string[] = FAMILIES): Plot.ScaleOptions {
  const domain = [...FAMILIES.filter((f) => families.includes(f)), ...families.filter((f) => !FAMILIES.includes(f))];
  return {domain, range: domain.map((f, i) => FAMILY_COLORS[FAMILIES.indexOf(f)] ?? ["#555", "#999", "#2a9d8f", "#e9c46a"][i % 4]!), tickFormat: familyName, legend: true};
}

/** The symbol scale of the families (same domain as familyColor). */
export function familySymbol(families: readonly string[] = FAMILIES): Plot.ScaleOptions {
  const domain = [...FAMILIES.filter((f) => families.includes(f)), ...families.filter((f) => !FAMILIES.includes(f))];
  return {domain, range: domain.map((f, i) => FAMILY_SYMBOLS[FAMILIES.indexOf(f)] ?? OTHER_SYMBOLS[i % OTHER_SYMBOLS.length]!)};
}

/** The dash pattern of a family's lines ("none": solid). */
export function familyDash(family: string): string {
  return FAMILY_DASHES[FAMILIES.indexOf(family)] ?? "4,2,1,2";
}

export function datasetName(dataset: string): string {
  return dataset === "id" ? "ID (pre-training objective)" : dataset;
}

/** 3 significant digits, plain for moderate values, exponent for tiny or huge ones. */
export function fmt(x: unknown, digits = 3): string {
  if (typeof x !== "number" || !Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(digits - 1).replace(/\.?0+e/, "e").replace("e+", "e");
  return x.toPrecision(digits).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/** A share as a whole percentage: "78%", "100%", "<1%" (never "1.0e+2%"). */
export function pct(x: unknown): string {
  if (typeof x !== "number" || !Number.isFinite(x)) return "–";
  if (x > 0 && x < 0.005) return "<1%";
  return `${Math.round(x * 100)}%`;
}

/** "0.42 [0.39, 0.44]" or "0.42" when the interval is missing. */
export function fmtInterval(x: unknown, lo: unknown, hi: unknown): string {
  const has = typeof lo === "number" && Number.isFinite(lo) && typeof hi === "number" && Number.isFinite(hi);
  return has ? `${fmt(x)} [${fmt(lo)}, ${fmt(hi)}]` : fmt(x);
}

/** Counts like N and D: 25.1k, 1.2M. */
export function fmtCount(x: unknown): string {
  if (typeof x !== "number" || !Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  if (a >= 1e9) return `${+(x / 1e9).toPrecision(3)}G`;
  if (a >= 1e6) return `${+(x / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(x / 1e3).toPrecision(3)}k`;
  return String(+x.toPrecision(3));
}

/** Where a run's loss curves are shown. */
export function runHref(key: string): string {
  return `./runs#run-${encodeURIComponent(key)}`;
}

/** Tooltip text of a run point. */
export function runTitle(d: {family?: unknown; size?: unknown; N?: unknown; D?: unknown; dataset?: unknown; L?: unknown; key?: unknown; best_val_loss?: unknown; final_train_loss?: unknown}): string {
  return [
    `${familyName(String(d.family))} ${d.size ?? ""}`.trim(),
    `N = ${fmtCount(d.N)} parameters, D = ${fmtCount(d.D)} records`,
    d.dataset !== undefined ? `${datasetName(String(d.dataset))} loss ${fmt(d.L, 4)}` : null,
    d.final_train_loss !== undefined ? `train ${fmt(d.final_train_loss, 4)}, best validation ${fmt(d.best_val_loss, 4)}` : null,
    `run ${d.key} (click: its curves)`
  ]
    .filter(Boolean)
    .join("\n");
}

/** A message shown where a chart or table cannot be drawn (cannot-fit, no runs). */
export function notice(message: string, testId?: string): HTMLElement {
  const div = document.createElement("div");
  div.className = "note";
  div.setAttribute("role", "status");
  if (testId) div.dataset.testid = testId;
  div.textContent = message;
  return div;
}

/** Marks a plot's colour-ramp legends as legends (the browser test counts only charts' marks). */
export function markLegends<T extends Element>(node: T): T {
  node.querySelectorAll("svg[class$='-ramp']").forEach((svg) => svg.setAttribute("data-chart-legend", ""));
  return node;
}

/** Legend ticks of a log colour scale: the study's values when there are few, else a few round ones. */
export function legendTicks(values: readonly number[]): number[] | number {
  const distinct = [...new Set(values)].filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  // Values closer than a factor 1.5 would print on top of each other on a ramp.
  const spread = distinct.every((v, i) => i === 0 || v / distinct[i - 1]! >= 1.5);
  if (distinct.length > 0 && distinct.length <= 6 && spread) return distinct;
  // Otherwise round values, thinned to 1 and 5 times a power of ten so that labels do not collide.
  const ticks = logTicks(distinct, 3);
  const thin = ticks.filter((t) => {
    const m = Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9));
    return m === 1 || m === 5;
  });
  return thin.length >= 2 ? thin : ticks.length ? ticks : 3;
}

/** Tick labels of a log axis: three significant digits. */
export const logTickFormat = (d: number): string => fmt(d);

/**
 * Tick values for a log axis over `values` (the data the axis shows). Plot labels a log axis
 * through d3's log tick format, which blanks every label of a range narrower than a decade when
 * given a tick count; given these values instead, every tick is labelled: a few round values
 * inside a narrow range, 1-2-5 steps over up to two decades, powers of ten beyond.
 */
export function logTicks(values: readonly unknown[], count = 4): number[] {
  const v = values.filter((x): x is number => typeof x === "number" && Number.isFinite(x) && x > 0);
  if (v.length === 0) return [];
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  if (hi / lo < 10) {
    const ticks = d3.ticks(lo, hi, count);
    return ticks.length >= 2 ? ticks : [lo, hi];
  }
  const mantissas = Math.log10(hi / lo) <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of mantissas) {
      const t = m * 10 ** e;
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(+t.toPrecision(12));
    }
  }
  return ticks.length >= 2 ? ticks : [lo, hi];
}

/** Scale options of a log axis over `values`: explicit ticks, each labelled with `format`. */
export function logAxis(values: readonly unknown[], format: (d: number) => string = logTickFormat, count = 4): {type: "log"; ticks: number[]; tickFormat: (d: number) => string} {
  return {type: "log", ticks: logTicks(values, count), tickFormat: format};
}

/** Only rows whose fields are all finite positive numbers (log axes take nothing else). */
export function positive<T extends object>(rows: readonly T[], ...fields: string[]): T[] {
  return rows.filter((r) =>
    fields.every((f) => {
      const v = (r as Record<string, unknown>)[f];
      return typeof v === "number" && Number.isFinite(v) && v > 0;
    })
  );
}

/**
 * Small multiples: `count` panels side by side (wrapping when narrow), each rendered at the
 * width it gets. render(i, width) makes panel i.
 */
export function panelRow(width: number, count: number, render: (i: number, width: number) => Node, minWidth = 200): HTMLElement {
  const gap = 14;
  const fit = Math.max(1, Math.min(count, Math.floor((width + gap) / (minWidth + gap))));
  // Balanced rows: 4 panels that fit 3 to a row go 2 + 2, not 3 + 1.
  const columns = Math.max(1, Math.ceil(count / Math.ceil(count / fit)));
  const w = Math.floor((width - gap * (columns - 1)) / columns);
  const div = document.createElement("div");
  div.style.cssText = `display: grid; grid-template-columns: repeat(${columns}, ${w}px); gap: ${gap}px;`;
  for (let i = 0; i < count; i++) {
    const cell = document.createElement("div");
    cell.dataset.panel = String(i);
    cell.append(render(i, w));
    div.append(cell);
  }
  return div;
}

/** A panel's small heading (family name and its fit in a few words). */
export function panelTitle(title: string, detail?: string): HTMLElement {
  const div = document.createElement("div");
  div.style.cssText = "font: 600 13px var(--sans-serif); margin: 0 0 2px 0;";
  div.dataset.panelTitle = title;
  div.textContent = title;
  if (detail) {
    const small = document.createElement("div");
    small.style.cssText = "font: 400 12px var(--sans-serif); color: var(--theme-foreground-muted); min-height: 2.4em;";
    small.textContent = detail;
    div.append(small);
  }
  return div;
}

/** A link to a run's curves, for tables. */
export function runLink(key: string, text = "curves"): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = runHref(key);
  a.textContent = text;
  return a;
}
