// Absolute OOD performance (paper Fig. 4 / S.3): the four families' best losses on one OOD
// dataset against N or D, each run a faint point and each family's best loss at each N (over
// its D) or each D (over its N) as a line.
// Pure component: PerformanceChart(points, best, {width, by}) -> SVG or figure.
import * as Plot from "@observablehq/plot";
import {familyColor, familyDash, familySymbol, fmtCount, logAxis, markLegends, positive, runHref, runTitle, type RunPoint} from "./study-style.js";
import {fitLogAxis} from "./axis-ticks.js";

export type PerformancePoint = RunPoint;

export interface BestAlong {
  family: string;
  x: number;
  L: number;
}

export function PerformanceChart(points: readonly PerformancePoint[], best: readonly BestAlong[], options: {width: number; by: "N" | "D"; height?: number; legend?: boolean}): SVGSVGElement | HTMLElement {
  const {width, by, legend = true} = options;
  const pts = positive(points, by, "L");
  const lines = positive(best, "x", "L");
  const families = [...new Set(pts.map((p) => p.family))];
  return markLegends(
    Plot.plot({
      width,
      height: options.height ?? Math.max(220, Math.min(320, width * 0.7)),
      marginLeft: 52,
      marginRight: 12,
      x: {...fitLogAxis(pts.map((p) => p[by]), width - 76, fmtCount), label: by === "N" ? "model size N (parameters)" : "data size D (records)", nice: false, inset: 6},
      y: {...logAxis(pts.map((p) => p.L)), label: "best OOD loss", grid: true, inset: 4},
      color: {...familyColor(families), legend},
      symbol: familySymbol(families),
      marks: [
        // One line per family, each with its own dash: families differ by more than colour.
        ...families.map((f) => Plot.line(lines.filter((l) => l.family === f), {x: "x", y: "L", stroke: "family", strokeWidth: 1.8, strokeDasharray: familyDash(f)})),
        Plot.dot(lines, {x: "x", y: "L", stroke: "family", symbol: "family", r: 3.5, fill: "none", strokeWidth: 1.4}),
        Plot.dot(pts, {x: by, y: "L", fill: "family", symbol: "family", r: 2.5, fillOpacity: 0.45, title: runTitle, tip: true, href: (d: PerformancePoint) => runHref(d.key)})
      ]
    })
  );
}
