// The study at a glance: every run at its model size N and data size D, one panel per
// family, coloured by its mean OOD probe loss (the same probe tasks for every family, so
// colours compare across panels). Hover a dot for its run; click it for the run's curves.
// Pure component: StudyGrid(runs, {width, datasets}) -> element (legend + SVG).
import * as Plot from "@observablehq/plot";
import {familyLabel} from "../lib/study/findings.js";
import {oodColumn} from "../lib/study/run-row.js";
import {h} from "./dom.js";
import {panelRow, panelTitle} from "./study-style.js";

export interface StudyGridOptions {
  width: number;
  /** The study's OOD datasets (their mean probe loss colours the dots). */
  datasets: string[];
  families?: string[];
}

type Run = Record<string, unknown> & {key: string; family: string; size: string; params: number; records: number; best_id_loss: number};

export function StudyGrid(runs: readonly Run[], options: StudyGridOptions): HTMLElement {
  const {width, datasets} = options;
  const families = options.families ?? [...new Set(runs.map((r) => r.family))];
  const rows = runs.map((r) => {
    const losses = datasets.map((d) => r[oodColumn(d, "loss")]).filter((x): x is number => typeof x === "number" && Number.isFinite(x));
    return {...r, familyLabel: familyLabel(r.family), oodMean: losses.length ? losses.reduce((s, x) => s + x, 0) / losses.length : null};
  });
  const color = {type: "linear" as const, scheme: "viridis" as const, label: "mean OOD probe loss (darker is lower)", domain: extent(rows.map((r) => r.oodMean))};
  // The colour legend is drawn apart, marked as a legend (the browser test counts marks per chart).
  const legend = h("div", {"data-chart-legend": ""}, Plot.legend({color, width: Math.min(320, width)}));
  // One chart per family with its own title (facet labels ran together on narrow screens), on
  // shared axes so that panels compare; panels wrap to rows when the page is narrow.
  const xDomain = extent(rows.map((r) => r.params)) ?? [1, 10];
  const yDomain = extent(rows.map((r) => r.records)) ?? [1, 10];
  const dValues = [...new Set(runs.map((r) => r.records))];
  const panels = panelRow(width, families.length, (i, w) => {
    const family = families[i]!;
    const mine = rows.filter((r) => r.family === family);
    return h("div", {}, panelTitle(familyLabel(family), `${mine.length} runs`), Plot.plot({
      width: w,
      height: 240,
      marginLeft: 50,
      marginBottom: 40,
      ariaLabel: `${familyLabel(family)}: ${mine.length} runs at model sizes N and data sizes D`,
      x: {type: "log", domain: xDomain, label: "N (parameters)", tickFormat: "~s", ticks: 3, insetLeft: 14, insetRight: 14},
      // Ticks at the study's data sizes (a log axis would label only some of them).
      // A function, not "~s": a log scale given a format string blanks the labels of ticks that are
      // not 1, 2 or 5 times a power of ten (800 and 8,000 came out unlabelled).
      y: {type: "log", domain: yDomain, label: "D (records)", tickFormat: compact, ticks: dValues, grid: true, insetTop: 14, insetBottom: 14},
      color,
      marks: [
        Plot.frame({stroke: "currentColor", strokeOpacity: 0.2}),
        Plot.dot(mine, {
          x: "params",
          y: "records",
          r: 7,
          fill: "oodMean",
          stroke: "currentColor",
          strokeWidth: 0.6,
          href: (d: {key: string}) => `./runs#run-${encodeURIComponent(d.key)}`,
          channels: {run: "key", family: "familyLabel", size: "size", "ID loss": "best_id_loss", "steps done": "steps_done"},
          tip: {format: {x: (d: number) => d.toLocaleString("en-US"), y: (d: number) => d.toLocaleString("en-US")}}
        })
      ]
    }));
  }, 180);
  return h("div", {}, legend, panels);
}

const compactFormat = new Intl.NumberFormat("en-US", {notation: "compact", maximumFractionDigits: 1});
function compact(value: number): string {
  return compactFormat.format(value);
}

function extent(values: (number | null)[]): [number, number] | undefined {
  const v = values.filter((x): x is number => x !== null);
  return v.length ? [Math.min(...v), Math.max(...v)] : undefined;
}
