// Loss-to-loss transfer (paper Fig. 3): excess OOD loss against excess ID loss on log axes, each
// family's runs and its fitted law L_ood - E_ood = K (L_id - E_id)^kappa as a line; or, in
// "raw" mode, the OOD loss against the ID loss with no floors subtracted.
// Pure component: TransferChart(pairs, {width, mode, curves}) -> SVG or figure.
import * as Plot from "@observablehq/plot";
import {familyColor, familyDash, familySymbol, fmt, logAxis, markLegends, positive, runHref, runTitle} from "./study-style.js";
import {fitLogAxis} from "./axis-ticks.js";

export interface TransferPair {
  key: string;
  family: string;
  dataset: string;
  N: number;
  D: number;
  L_id: number;
  L_ood: number;
  excess_id: number | null;
  excess_ood: number | null;
  [field: string]: unknown;
}

export interface TransferChartOptions {
  width: number;
  height?: number;
  mode: "excess" | "raw";
  curves?: readonly {family: string; excess_id: number; excess_ood: number}[];
  /** Facet by dataset (raw mode, several datasets on one chart). */
  facet?: boolean;
  legend?: boolean;
}

export function TransferChart(pairs: readonly TransferPair[], options: TransferChartOptions): SVGSVGElement | HTMLElement {
  const {width, mode, curves = [], facet = false} = options;
  const [x, y] = mode === "excess" ? ["excess_id", "excess_ood"] : ["L_id", "L_ood"];
  const pts = positive(pairs, x, y);
  const lines = positive(curves, "excess_id", "excess_ood");
  const families = [...new Set([...pts.map((p) => p.family), ...lines.map((c) => c.family)])];
  const title = (d: TransferPair) => `${runTitle({...d, dataset: undefined})}\nID loss ${fmt(d.L_id, 4)}, ${d.dataset} loss ${fmt(d.L_ood, 4)}`;
  return markLegends(
    Plot.plot({
      width,
      height: options.height ?? Math.max(240, Math.min(360, width * 0.75)),
      marginLeft: 56,
      marginRight: 12,
      x: {...fitLogAxis([...pts.map((p) => p[x]), ...lines.map((c) => c.excess_id)], width - 80), label: mode === "excess" ? "excess ID loss, L(id) − E(id)" : "ID loss (each family's own objective)", nice: false, inset: 6},
      y: {...logAxis([...pts.map((p) => p[y]), ...lines.map((c) => c.excess_ood)]), label: mode === "excess" ? "excess OOD loss, L(ood) − E(ood)" : "OOD probe loss", grid: true, inset: 6},
      fx: facet ? {label: null} : undefined,
      color: {...familyColor(families), legend: options.legend ?? true},
      symbol: familySymbol(families),
      marks: [
        ...families.map((f) => Plot.line(lines.filter((l) => l.family === f), {x: "excess_id", y: "excess_ood", stroke: "family", strokeWidth: 1.6, strokeDasharray: familyDash(f)})),
        Plot.dot(pts, {x, y, fill: "family", symbol: "family", r: 3.5, fillOpacity: 0.85, fx: facet ? "dataset" : undefined, title, tip: true, href: (d: TransferPair) => runHref(d.key)})
      ]
    })
  );
}

export interface KappaRow {
  family: string;
  dataset: string;
  ok: boolean;
  kappa: number | null;
  kappa_lo: number | null;
  kappa_hi: number | null;
}

/**
 * The transfer exponent kappa per family and OOD dataset with its bootstrap interval (paper
 * Table S.7), against the line kappa = 1: below it, a unit of ID improvement buys less than a
 * unit of OOD improvement on the log scale (a transfer bottleneck).
 */
export function KappaChart(rows: readonly KappaRow[], options: {width: number; datasets: readonly string[]}): SVGSVGElement | HTMLElement {
  const data = rows.filter((r) => r.ok && Number.isFinite(r.kappa));
  const families = [...new Set(data.map((r) => r.family))];
  const datasets = options.datasets.filter((d) => data.some((r) => r.dataset === d));
  // The axis spans the estimates within [-2, 3] and always 0 and 1; an estimate beyond is drawn
  // as a triangle at the edge (its value in the tooltip), intervals are cut at the frame.
  const values = data.map((r) => r.kappa!);
  const lo = Math.max(-2, Math.min(0, ...values));
  const hi = Math.min(3, Math.max(1.2, ...values));
  const shown = data.map((r) => ({...r, x: Math.min(hi, Math.max(lo, r.kappa!)), clamped: r.kappa! < lo || r.kappa! > hi}));
  const intervals = shown.filter((r) => Number.isFinite(r.kappa_lo) && Number.isFinite(r.kappa_hi));
  const title = (d: KappaRow & {clamped: boolean}) =>
    `${d.family}, ${d.dataset}: κ = ${fmt(d.kappa)}${Number.isFinite(d.kappa_lo) ? ` [${fmt(d.kappa_lo)}, ${fmt(d.kappa_hi)}]` : ""}${d.clamped ? " (off the axis)" : ""}`;
  return markLegends(
    Plot.plot({
      width: options.width,
      height: 60 + datasets.length * (families.length * 12 + 16),
      marginLeft: 110,
      marginRight: 16,
      x: {domain: [lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)], label: "transfer exponent κ (intervals cut at the frame)", grid: true},
      y: {domain: families, axis: null},
      fy: {domain: datasets, label: null, padding: 0.25},
      color: familyColor(families),
      symbol: {type: "identity"},
      marks: [
        Plot.frame({stroke: "#ddd"}),
        Plot.ruleX([1], {stroke: "#888", strokeDasharray: "4,3"}),
        intervals.length ? Plot.ruleY(intervals, {fy: "dataset", y: "family", x1: "kappa_lo", x2: "kappa_hi", stroke: "family", strokeWidth: 2, strokeOpacity: 0.55, clip: true}) : null,
        Plot.dot(shown, {fy: "dataset", y: "family", x: "x", fill: "family", r: 4, symbol: (d: {clamped: boolean}) => (d.clamped ? "triangle" : "circle"), title, tip: true})
      ]
    })
  );
}
