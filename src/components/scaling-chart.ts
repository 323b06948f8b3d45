// Loss against N or against D on log axes (paper Fig. 2): runs as points coloured by the other
// variable, the fitted joint law as one line per value of the other variable, with its
// bootstrap band when given. Excluded runs (live refit) are drawn hollow and grey.
// Pure component: ScalingChart(points, {width, along, curves, ...}) -> SVG or figure.
import * as Plot from "@observablehq/plot";
import {fmtCount, legendTicks, markLegends, positive, runHref, runTitle, type RunPoint} from "./study-style.js";
import {fitLogAxis} from "./axis-ticks.js";
import {dodgeLog} from "./dodge.js";

export type ScalingPoint = RunPoint;

export interface ScalingCurvePoint {
  N: number;
  D: number;
  L: number;
  /** Band edges (optional). */
  lo?: number;
  hi?: number;
  /** The value of the other variable the curve is drawn at. */
  fixed: number;
}

export interface ScalingChartOptions {
  width: number;
  height?: number;
  along: "N" | "D";
  curves?: readonly ScalingCurvePoint[];
  /** Keys of runs left out of the fit. */
  excluded?: ReadonlySet<string>;
  /** Link each point to its run's curves (off when clicks toggle exclusion). */
  links?: boolean;
  /** Show the colour legend (ramp of the other variable). */
  legend?: boolean;
  title?: string;
  yLabel?: string;
  /** Domain of the colour scale (the other variable), shared by small multiples. */
  colorDomain?: [number, number];
}

/** The colour ramp of the other variable, for a row of charts that share it. */
export function ScalingLegend(along: "N" | "D", domain: [number, number], values: readonly number[] = [], width = 280): HTMLElement {
  const div = document.createElement("div");
  div.setAttribute("data-chart-legend", "");
  div.append(Plot.legend({color: colorScale(along, domain, values), width, marginLeft: 14, marginRight: 14}));
  return div;
}

/** The colour scale of the other variable; its legend ticks are the study's values when few, else a few round ones. */
function colorScale(along: "N" | "D", domain: number[], values: readonly number[]): Plot.ScaleOptions {
  return {
    type: "log", scheme: along === "N" ? "viridis" : "plasma", domain,
    label: along === "N" ? "D (records)" : "N (parameters)", tickFormat: fmtCount,
    ticks: legendTicks(values)
  };
}

export function ScalingChart(points: readonly ScalingPoint[], options: ScalingChartOptions): SVGSVGElement | HTMLElement {
  const {width, along, curves = [], excluded = new Set<string>(), links = true, legend = true} = options;
  const other = along === "N" ? "D" : "N";
  const pts = positive(points, "N", "D", "L");
  const kept = pts.filter((p) => !excluded.has(p.key));
  const out = pts.filter((p) => excluded.has(p.key));
  const line = positive(curves, "N", "D", "L", "fixed");
  const band = line.filter((c) => typeof c.lo === "number" && typeof c.hi === "number" && c.lo > 0 && c.hi > 0 && c.hi > c.lo);
  // Without links a click toggles the run in the live refit (the page wires it), and the tip says so.
  const title = (d: ScalingPoint) => (links ? runTitle(d) : runTitle(d).replace("(click: its curves)", "(click: leave it out of the fit, or bring it back)"));
  const fixedValues = [...new Set([...pts.map((p) => p[other]), ...line.map((c) => c.fixed)])];
  const height = options.height ?? Math.max(220, Math.min(340, width * 0.7));
  const xValues = [...pts.map((p) => p[along]), ...line.map((c) => c[along])];
  const plotWidth = width - 52 - 12 - 12;
  // Runs at one x (several D at one N) would sit on top of each other: each value of the other
  // variable gets its own small offset (a few pixels), so that every run can be hovered and clicked.
  const dodged = dodgeLog(pts, along, other, xValues, plotWidth);
  const colorDomain = options.colorDomain ?? (fixedValues.length ? [Math.min(...fixedValues), Math.max(...fixedValues) * (fixedValues.length === 1 ? 1.0001 : 1)] : [1, 10]);
  return markLegends(
    Plot.plot({
      width,
      height,
      marginLeft: 52,
      marginRight: 12,
      title: options.title,
      x: {...fitLogAxis(xValues, plotWidth, fmtCount), label: along === "N" ? "model size N (parameters)" : "data size D (records)", nice: false, inset: 6},
      y: {...fitLogAxis([...pts.map((p) => p.L), ...line.map((c) => c.L), ...band.flatMap((b) => [b.lo, b.hi])], height - 50, undefined, "y"), label: options.yLabel ?? "best loss", grid: true, inset: 4},
      color: {...colorScale(along, colorDomain, pts.map((p) => p[other])), legend},
      marks: [
        band.length ? Plot.areaY(band, {x: along, y1: "lo", y2: "hi", z: "fixed", fill: "fixed", fillOpacity: 0.14, curve: "monotone-x"}) : null,
        line.length ? Plot.line(line, {x: along, y: "L", z: "fixed", stroke: "fixed", strokeWidth: 1.6, curve: "monotone-x"}) : null,
        out.length ? Plot.dot(out, {x: (d: ScalingPoint) => dodged.get(d) ?? d[along], y: "L", r: 4.5, stroke: "#999", strokeDasharray: "2,2", fill: "none", title: (d: ScalingPoint) => `${title(d)}\n(left out of the fit)`, tip: true}) : null,
        kept.length
          ? Plot.dot(kept, {x: (d: ScalingPoint) => dodged.get(d) ?? d[along], y: "L", r: 4.5, fill: other, stroke: "white", strokeWidth: 0.8, title, tip: true, ...(links ? {href: (d: ScalingPoint) => runHref(d.key)} : {})})
          : null
      ]
    })
  );
}
