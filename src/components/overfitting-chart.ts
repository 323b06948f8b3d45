// Overfitting from finite data (paper Fig. S.7 / S.8, Appendix B.6).
//   TrainValChart: training (dashed) and validation (solid) loss along training, one panel per
//     model size, coloured by data size D: the gap opens as D shrinks.
//   ExtentChart: the extent of overfitting (L_val - L_inf(N)) / L_inf(N) against D, coloured by
//     N, with the fitted collapse curve c D^-s: all sizes should fall on one line.
import * as Plot from "@observablehq/plot";
import {familyName, fmt, fmtCount, legendTicks, logAxis, logTickFormat, markLegends, positive, runHref, runTitle} from "./study-style.js";
import {fitLogAxis} from "./axis-ticks.js";

export interface CurvePoint {
  key: string;
  family: string;
  size: string;
  N: number;
  D: number;
  step: number;
  curve: "train" | "validation";
  loss: number;
}

export function TrainValChart(points: readonly CurvePoint[], options: {width: number; height?: number}): SVGSVGElement | HTMLElement {
  const {width} = options;
  const pts = positive(points, "step", "loss", "D");
  const sizes = [...new Map(pts.map((p) => [p.N, p.size])).entries()].sort((a, b) => a[0] - b[0]);
  const Ds = pts.map((p) => p.D);
  const domain = Ds.length ? [Math.min(...Ds), Math.max(...Ds) * (new Set(Ds).size === 1 ? 1.0001 : 1)] : [1, 10];
  const label = (N: number) => `N = ${fmtCount(N)} (${sizes.find(([n]) => n === N)?.[1] ?? ""})`;
  const common = {x: "step", y: "loss", z: "key", stroke: "D", fx: "N"} as const;
  return markLegends(
    Plot.plot({
      width,
      height: options.height ?? 300,
      marginLeft: 52,
      marginRight: 12,
      x: {label: "training step", ticks: 4},
      y: {...logAxis(pts.map((p) => p.loss), logTickFormat, 5), label: "loss", grid: true},
      fx: {domain: sizes.map(([n]) => n), tickFormat: label, label: null},
      color: {type: "log", scheme: "plasma", domain, label: "D (records)", legend: true, tickFormat: fmtCount, ticks: legendTicks(Ds)},
      marks: [
        Plot.frame({stroke: "#ddd"}),
        Plot.line(pts.filter((p) => p.curve === "train"), {...common, strokeDasharray: "4,3", strokeWidth: 1.3}),
        Plot.line(pts.filter((p) => p.curve === "validation"), {...common, strokeWidth: 1.8}),
        Plot.dot(pts.filter((p) => p.curve === "validation"), {
          x: "step", y: "loss", fill: "D", fx: "N", r: 2.5,
          title: (d: CurvePoint) => `${runTitle({...d, dataset: undefined})}\nstep ${d.step}: validation loss ${fmt(d.loss, 4)}`,
          tip: true, href: (d: CurvePoint) => runHref(d.key)
        })
      ]
    })
  );
}

export interface ExtentPoint {
  key: string;
  family: string;
  N: number;
  D: number;
  L: number;
  floor: number;
  extent: number;
  [field: string]: unknown;
}

export function ExtentChart(
  points: readonly ExtentPoint[],
  options: {width: number; height?: number; curves?: readonly {family: string; D: number; extent: number}[]; families: readonly string[]}
): SVGSVGElement | HTMLElement {
  const {width, curves = []} = options;
  const pts = positive(points, "D", "extent", "N");
  const lines = positive(curves, "D", "extent");
  const families = options.families.filter((f) => pts.some((p) => p.family === f));
  const Ns = pts.map((p) => p.N);
  const domain = Ns.length ? [Math.min(...Ns), Math.max(...Ns) * (new Set(Ns).size === 1 ? 1.0001 : 1)] : [1, 10];
  return markLegends(
    Plot.plot({
      width,
      height: options.height ?? 310,
      marginTop: 40,
      marginLeft: 56,
      marginRight: 12,
      x: {...fitLogAxis(pts.map((p) => p.D), (width - 68) / Math.max(1, families.length) - 16, fmtCount, "x", 3), label: "data size D (records)", nice: false, inset: 8},
      y: {...logAxis([...pts.map((p) => p.extent), ...lines.map((l) => l.extent)]), label: "extent of overfitting (L_val − L∞(N)) / L∞(N)", grid: true, inset: 6},
      fx: {domain: families, label: null, tickFormat: familyName},
      color: {type: "log", scheme: "viridis", domain, label: "N (parameters)", legend: true, tickFormat: fmtCount, ticks: legendTicks(Ns)},
      marks: [
        Plot.frame({stroke: "#ddd"}),
        lines.length ? Plot.line(lines, {x: "D", y: "extent", fx: "family", stroke: "#444", strokeDasharray: "5,3"}) : null,
        Plot.dot(pts, {
          x: "D", y: "extent", fx: "family", fill: "N", r: 4, stroke: "white",
          title: (d: ExtentPoint) => `${runTitle({...d, dataset: undefined})}\nvalidation ${fmt(d.L, 4)}, floor L_inf(N) ${fmt(d.floor, 4)}, extent ${fmt(d.extent)}`,
          tip: true, href: (d: ExtentPoint) => runHref(d.key)
        })
      ]
    })
  );
}
