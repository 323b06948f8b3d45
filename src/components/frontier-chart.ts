// Compute frontier (paper Fig. 5a, S.4): every evaluation of every run as its best loss so far
// against the training compute spent up to it, on log axes; each family's Pareto-optimal points
// joined by a line, and the fitted frontier L = E + A (C - C0)^-gamma dashed where the fit succeeded.
// Pure component: FrontierChart(points, {width, curves}) -> SVG or figure.
import * as Plot from "@observablehq/plot";
import {familyColor, familyDash, familySymbol, fmt, logAxis, markLegends, positive, runHref, runTitle, type RunPoint} from "./study-style.js";
import {fitLogAxis} from "./axis-ticks.js";

export interface ComputePoint extends RunPoint {
  /** The evaluation's step, of the run's steps_done. */
  step: number;
  steps_done: number;
  C: number;
  on_frontier: boolean;
}

export function FrontierChart(
  points: readonly ComputePoint[],
  options: {width: number; height?: number; curves?: readonly {family: string; C: number; L: number}[]; yLabel?: string}
): SVGSVGElement | HTMLElement {
  const {width, curves = []} = options;
  const pts = positive(points, "C", "L");
  const frontier = pts.filter((p) => p.on_frontier);
  const fitted = positive(curves, "C", "L");
  const families = [...new Set(pts.map((p) => p.family))];
  const title = (d: ComputePoint) => `${runTitle(d)}\nat step ${d.step} of ${d.steps_done} (best loss so far)${d.on_frontier ? "\non the Pareto frontier" : ""}`;
  return markLegends(
    Plot.plot({
      width,
      height: options.height ?? Math.max(260, Math.min(380, width * 0.55)),
      marginLeft: 56,
      marginRight: 12,
      x: {...fitLogAxis([...pts.map((p) => p.C), ...fitted.map((c) => c.C)], width - 84, fmt), label: "training compute C (FLOPs)", nice: false, inset: 8},
      y: {...logAxis([...pts.map((p) => p.L), ...fitted.map((c) => c.L)]), label: options.yLabel ?? "best loss", grid: true, inset: 6},
      color: familyColor(families),
      symbol: familySymbol(families),
      marks: [
        Plot.dot(pts.filter((p) => !p.on_frontier), {x: "C", y: "L", stroke: "family", symbol: "family", r: 3, strokeOpacity: 0.6, title, tip: true, href: (d: ComputePoint) => runHref(d.key)}),
        ...families.map((f) => Plot.line(frontier.filter((p) => p.family === f), {x: "C", y: "L", stroke: "family", strokeWidth: 1.4, strokeOpacity: 0.7, curve: "step-after", strokeDasharray: familyDash(f)})),
        fitted.length ? Plot.line(fitted, {x: "C", y: "L", stroke: "family", strokeWidth: 2.2, strokeDasharray: "5,3"}) : null,
        Plot.dot(frontier, {x: "C", y: "L", fill: "family", symbol: "family", r: 4.5, stroke: "white", title, tip: true, href: (d: ComputePoint) => runHref(d.key)})
      ]
    })
  );
}
