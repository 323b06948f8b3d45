// Winner per bin (paper Tables S.5 / S.6): for each OOD dataset (row) and bin of N or D (column),
// the family with the lowest best loss, its loss, and by how much the runner-up trails.
// Pure component: WinnerChart(winners, {width, by}) -> SVG or figure.
import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import {datasetName, familyColor, familyName, fmt, fmtCount, markLegends} from "./study-style.js";

export interface WinnerCell {
  dataset: string;
  bin: number;
  bin_lo: number;
  bin_hi: number;
  family: string;
  L: number;
  margin: number | null;
  families: number;
}

export function binLabel(lo: number, hi: number): string {
  return `${fmtCount(lo)}–${fmtCount(hi)}`;
}

export function WinnerChart(winners: readonly WinnerCell[], options: {width: number; by: "N" | "D"; datasets: readonly string[]}): SVGSVGElement | HTMLElement {
  const {width, by} = options;
  const cells = winners.map((w) => ({...w, column: binLabel(w.bin_lo, w.bin_hi)}));
  const columns = [...new Map(cells.map((c) => [c.bin, c.column])).entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
  const datasets = options.datasets.filter((d) => cells.some((c) => c.dataset === d));
  const families = [...new Set(cells.map((c) => c.family))];
  const color = familyColor(families);
  // Black text on light cells, white on dark ones: AA contrast whatever the family's colour.
  const cellColor = (f: string) => (color.range as string[])[(color.domain as string[]).indexOf(f)] ?? "#555";
  const light = (c: (typeof cells)[number]) => relativeLuminance(cellColor(c.family)) > 0.18;
  const label = (d: (typeof cells)[number]) => `${familyName(d.family)}\n${fmt(d.L, 3)}`;
  return markLegends(
    Plot.plot({
      width,
      height: 70 + 44 * datasets.length,
      marginLeft: 110,
      marginBottom: 40,
      padding: 0.06,
      x: {domain: columns, label: by === "N" ? "bin of model size N (parameters)" : "bin of data size D (records)", axis: "bottom"},
      y: {domain: datasets, label: null, tickFormat: datasetName},
      color,
      marks: [
        Plot.cell(cells, {x: "column", y: "dataset", fill: "family", title: (d: (typeof cells)[number]) =>
          `${datasetName(d.dataset)}, ${by} in ${d.column}: ${familyName(d.family)} wins with loss ${fmt(d.L, 4)}` +
          (d.margin != null ? `; the runner-up is ${fmt(d.margin, 2)} higher` : "; the only family in this bin") + ` (${d.families} families compared)`, tip: true}),
        Plot.text(cells.filter((c) => !light(c)), {x: "column", y: "dataset", text: label, fill: "white", fontSize: 10, lineHeight: 1.15}),
        Plot.text(cells.filter(light), {x: "column", y: "dataset", text: label, fill: "black", fontSize: 10, lineHeight: 1.15})
      ]
    })
  );
}

/** WCAG relative luminance of a CSS colour. */
function relativeLuminance(css: string): number {
  const c = d3.rgb(css);
  const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
