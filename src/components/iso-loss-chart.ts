// Iso-loss contours in the (N, C) plane (paper Fig. 5b-e, S.5): the joint law evaluated where D
// is what the compute budget C buys for a model of size N; each contour joins (N, C) pairs of
// equal predicted loss. The compute-optimal model size per budget is the thick line; the
// family's runs are points. Contours are traced with d3-contour on the grid's index space and
// mapped back to (N, C) by log interpolation (the grid is log-spaced in both).
// Pure component: IsoLossChart(grid, {width, optimal, runs}) -> SVG or figure.
import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import {fmt, fmtCount, logAxis, logTickFormat, markLegends, positive, runHref, runTitle} from "./study-style.js";
import {fitLogAxis} from "./axis-ticks.js";

export interface IsoGridPoint {
  N: number;
  C: number;
  D: number;
  L: number;
}

interface ContourVertex {
  id: string;
  value: number;
  N: number;
  C: number;
}

/**
 * Contour lines of a log-spaced grid (rows of constant C, N fastest) at `count` loss levels
 * (quantiles of the grid's finite values). Segments along the grid's border are dropped, so
 * the lines are the contours themselves, not closed polygons.
 */
export function isoLossContours(grid: readonly IsoGridPoint[], count = 8): {lines: ContourVertex[]; levels: number[]} {
  const Ns = [...new Set(grid.map((g) => g.N))].sort((a, b) => a - b);
  const Cs = [...new Set(grid.map((g) => g.C))].sort((a, b) => a - b);
  const w = Ns.length;
  const h = Cs.length;
  if (w < 2 || h < 2 || grid.length !== w * h) return {lines: [], levels: []};
  const iN = new Map(Ns.map((n, i) => [n, i]));
  const iC = new Map(Cs.map((c, j) => [c, j]));
  const values = new Float64Array(w * h).fill(NaN);
  for (const g of grid) values[iN.get(g.N)! + iC.get(g.C)! * w] = Number.isFinite(g.L) ? Math.log(g.L) : NaN;
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length < 4) return {lines: [], levels: []};
  const levels = [...new Set(Array.from({length: count}, (_, k) => d3.quantileSorted(finite, (k + 0.5) / count)!))];
  // d3-contour places value i at x = i + 0.5 in [0, w]; NaN cells (no valid D) are left out.
  const contours = d3.contours().size([w, h]).thresholds(levels)(Array.from(values, (v) => (Number.isFinite(v) ? v : -Infinity)));
  const lerp = (axis: number[], u: number) => {
    const t = Math.min(axis.length - 1, Math.max(0, u - 0.5));
    const i = Math.min(axis.length - 2, Math.floor(t));
    return Math.exp(Math.log(axis[i]!) + (t - i) * (Math.log(axis[i + 1]!) - Math.log(axis[i]!)));
  };
  const onBorder = ([x, y]: number[]) => x! <= 0.5 || x! >= w - 0.5 || y! <= 0.5 || y! >= h - 0.5;
  const lines: ContourVertex[] = [];
  contours.forEach((contour, c) => {
    let piece = 0;
    for (const polygon of contour.coordinates) {
      for (const ring of polygon) {
        let open = false;
        for (const point of ring) {
          if (onBorder(point)) {
            if (open) piece++;
            open = false;
            continue;
          }
          open = true;
          lines.push({id: `${c}-${piece}`, value: Math.exp(contour.value), N: lerp(Ns, point[0]!), C: lerp(Cs, point[1]!)});
        }
        if (open) piece++;
      }
    }
  });
  return {lines, levels: levels.map(Math.exp)};
}

export function IsoLossChart(
  grid: readonly IsoGridPoint[],
  options: {width: number; height?: number; optimal?: readonly {N: number; C: number}[]; runs?: readonly {key: string; N: number; C: number; [f: string]: unknown}[]; legend?: boolean}
): SVGSVGElement | HTMLElement {
  const {width, legend = true} = options;
  const {lines, levels} = isoLossContours(grid);
  const ids = [...new Set(lines.map((l) => l.id))];
  // One label per contour line, at its middle vertex.
  const labels = ids.map((id) => {
    const vs = lines.filter((l) => l.id === id);
    return vs[Math.floor(vs.length / 2)]!;
  });
  const optimal = positive(options.optimal ?? [], "N", "C");
  const runs = positive(options.runs ?? [], "N", "C");
  const domain = levels.length ? [Math.min(...levels), Math.max(...levels) * (levels.length === 1 ? 1.0001 : 1)] : [1, 2];
  return markLegends(
    Plot.plot({
      width,
      height: options.height ?? Math.max(240, Math.min(340, width * 0.8)),
      marginLeft: 56,
      marginRight: 12,
      x: {...fitLogAxis(grid.map((g) => g.N), width - 68, fmtCount), label: "model size N (parameters)", nice: false},
      y: {...logAxis(grid.map((g) => g.C), fmt), label: "compute C (FLOPs)", grid: true, nice: false},
      color: {type: "log", scheme: "viridis", domain, label: "predicted loss", legend, tickFormat: logTickFormat, ticks: 3},
      marks: [
        Plot.line(lines, {x: "N", y: "C", z: "id", stroke: "value", strokeWidth: 1.3}),
        Plot.text(labels, {x: "N", y: "C", text: (d: ContourVertex) => fmt(d.value, 3), fill: "currentColor", stroke: "white", strokeWidth: 3, paintOrder: "stroke", fontSize: 9, className: "halo"}),
        optimal.length ? Plot.line(optimal, {x: "N", y: "C", stroke: "#111", strokeWidth: 2.5, title: () => "compute-optimal model size"}) : null,
        runs.length ? Plot.dot(runs, {x: "N", y: "C", r: 3.5, fill: "#111", stroke: "white", title: runTitle, tip: true, href: (d: {key: string}) => runHref(d.key)}) : null
      ]
    })
  );
}
