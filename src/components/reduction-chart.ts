// Excess-loss reduction for a k-fold scale-up (r = k^-alpha for N, k^-beta for D) per family and
// dataset, with the interval from the exponent's bootstrap interval. Smaller r: more of the
// excess loss removed by the scale-up.
// Pure component: ReductionChart(rows, {width, k, datasets}) -> SVG or figure.
import * as Plot from "@observablehq/plot";
import {datasetName, familyColor, familyName, familySymbol, fmt, markLegends} from "./study-style.js";

export interface ReductionRow {
  family: string;
  dataset: string;
  scaled: "N" | "D";
  r: number;
  lo: number | null;
  hi: number | null;
}

export function ReductionChart(rows: readonly ReductionRow[], options: {width: number; k: number; datasets: readonly string[]}): SVGSVGElement | HTMLElement {
  const {width, k} = options;
  const data = rows.filter((r) => Number.isFinite(r.r));
  const families = [...new Set(data.map((r) => r.family))];
  const datasets = options.datasets.filter((d) => data.some((r) => r.dataset === d));
  const withInterval = data.filter((r) => Number.isFinite(r.lo) && Number.isFinite(r.hi));
  // On narrow screens the column headers, dataset names and percentage ticks ran together:
  // shorter headers and names, a narrower left margin and as many ticks as the columns hold.
  const narrow = width < 560;
  const marginLeft = narrow ? 84 : 170;
  const facet = (s: string) => (narrow ? `${s} ×${k}` : s === "N" ? `model size N ×${k}` : `data size D ×${k}`);
  const columnWidth = (width - marginLeft - 10) / 2;
  const ticks = columnWidth >= 220 ? [0, 0.25, 0.5, 0.75, 1] : columnWidth >= 110 ? [0, 0.5, 1] : [0, 1];
  return markLegends(
    Plot.plot({
      width,
      height: 60 + datasets.length * (families.length * 11 + 14),
      marginLeft,
      marginRight: 10,
      x: {domain: [0, 1], label: narrow ? "excess loss left" : "share of the excess loss left after the scale-up", grid: true, tickFormat: "~%", ticks, inset: 6},
      y: {domain: families, axis: null},
      fy: {domain: datasets, label: null, tickFormat: narrow ? (d: string) => (d === "id" ? "ID" : d) : datasetName, padding: 0.25},
      fx: {label: null, tickFormat: facet, domain: ["N", "D"], padding: 0.16},
      color: familyColor(families),
      symbol: familySymbol(families),
      marks: [
        Plot.frame({stroke: "#ddd"}),
        withInterval.length ? Plot.ruleY(withInterval, {fx: "scaled", fy: "dataset", y: "family", x1: "lo", x2: "hi", stroke: "family", strokeWidth: 2, strokeOpacity: 0.5}) : null,
        Plot.dot(data, {
          fx: "scaled",
          fy: "dataset",
          y: "family",
          x: "r",
          fill: "family",
          symbol: "family",
          r: 3.5,
          title: (d: ReductionRow) =>
            `${familyName(d.family)}, ${datasetName(d.dataset)}: ${d.scaled} x${k} leaves ${fmt(d.r)} of the excess loss${Number.isFinite(d.lo) ? ` [${fmt(d.lo)}, ${fmt(d.hi)}]` : ""}`,
          tip: true
        })
      ]
    })
  );
}
