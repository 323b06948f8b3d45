// A 12-lead ECG on ECG paper: the usual 3 x 4 layout (2.5 s per column) plus a
// 10-s rhythm strip of lead II, at the standard 25 mm/s and 10 mm/mV aspect.
// Pure component: EcgPaper(traces, {width, ...options}) -> SVG.
import * as Plot from "@observablehq/plot";

/** One set of signals to draw (e.g. raw, or preprocessed) over the same paper. */
export interface EcgTrace {
  name: string;
  fs: number;
  leads: string[];
  signals: Float32Array[];
  color?: string;
  strokeWidth?: number;
}

export interface EcgPaperOptions {
  width: number;
  /** Seconds per layout column (the standard sheet: 2.5). */
  columnSeconds?: number;
  /** Lead of the rhythm strip, or null for none. */
  rhythmLead?: string | null;
  /** Vertical distance between rows in mV. */
  rowSpacing?: number;
  /** Extra point marks in seconds per lead, e.g. detected R peaks. */
  markers?: {lead: string; t: number; label?: string}[];
  /** Dashed vertical lines over a lead's row, in seconds, e.g. tokenizer word boundaries. */
  boundaries?: {lead: string; t: number}[];
}

const LAYOUT = [
  ["I", "aVR", "V1", "V4"],
  ["II", "aVL", "V2", "V5"],
  ["III", "aVF", "V3", "V6"]
];

interface Segment {x: Float64Array; y: Float64Array}

function segment(trace: EcgTrace, lead: string, t0: number, t1: number, xOffset: number, yOffset: number): Segment | undefined {
  const index = trace.leads.indexOf(lead);
  if (index < 0) return undefined;
  const signal = trace.signals[index];
  const i0 = Math.max(0, Math.floor(t0 * trace.fs));
  const i1 = Math.min(signal.length, Math.ceil(t1 * trace.fs));
  if (i1 <= i0) return undefined;
  const x = new Float64Array(i1 - i0);
  const y = new Float64Array(i1 - i0);
  for (let i = i0; i < i1; i++) {
    x[i - i0] = i / trace.fs - t0 + xOffset;
    y[i - i0] = signal[i] + yOffset;
  }
  return {x, y};
}

/** Range of evenly spaced values from a to b inclusive. */
const steps = (a: number, b: number, d: number) => Array.from({length: Math.floor((b - a) / d + 1e-9) + 1}, (_, i) => a + i * d);

export function EcgPaper(traces: EcgTrace[], options: EcgPaperOptions): SVGSVGElement | HTMLElement {
  const {width, columnSeconds = 2.5, rhythmLead = "II", rowSpacing = 3, markers = [], boundaries = []} = options;
  const rows = LAYOUT.length + (rhythmLead ? 1 : 0);
  const seconds = columnSeconds * 4;
  // Labelled markers sit above the top row's trace: leave room for their text.
  const yTop = rowSpacing / 2 + (markers.some((m) => m.label != null && m.label !== "") ? 0.5 : 0);
  const yBottom = -rowSpacing * (rows - 0.5);
  // 25 mm/s and 10 mm/mV: one second is as long on screen as 2.5 mV is tall.
  const marginLeft = 4, marginRight = 4, marginTop = 4, marginBottom = 24;
  const plotWidth = width - marginLeft - marginRight;
  const height = Math.round((plotWidth * ((yTop - yBottom) / 2.5)) / seconds) + marginTop + marginBottom;

  const lines: Plot.Markish[] = [];
  const labels: {x: number; y: number; text: string}[] = [];
  for (const trace of traces) {
    const segs: Segment[] = [];
    LAYOUT.forEach((row, r) =>
      row.forEach((lead, c) => {
        const s = segment(trace, lead, c * columnSeconds, (c + 1) * columnSeconds, c * columnSeconds, -r * rowSpacing);
        if (s) segs.push(s);
      })
    );
    if (rhythmLead) {
      const s = segment(trace, rhythmLead, 0, seconds, 0, -LAYOUT.length * rowSpacing);
      if (s) segs.push(s);
    }
    const x = concat(segs.map((s) => s.x));
    const y = concat(segs.map((s) => s.y));
    const z = new Int32Array(x.length);
    let at = 0;
    segs.forEach((s, k) => z.fill(k, at, (at += s.x.length)));
    lines.push(
      Plot.line({length: x.length}, {x, y, z, stroke: trace.color ?? "black", strokeWidth: trace.strokeWidth ?? 1, curve: "linear"})
    );
  }
  LAYOUT.forEach((row, r) => row.forEach((lead, c) => labels.push({x: c * columnSeconds + 0.05, y: -r * rowSpacing + 1.1, text: lead})));
  if (rhythmLead) labels.push({x: 0.05, y: -LAYOUT.length * rowSpacing + 1.1, text: rhythmLead});

  const markerPoints = markers.flatMap((m) => {
    const out: {x: number; y: number; label?: string}[] = [];
    LAYOUT.forEach((row, r) => {
      const c = row.indexOf(m.lead);
      if (c >= 0 && m.t >= c * columnSeconds && m.t < (c + 1) * columnSeconds) out.push({x: m.t, y: -r * rowSpacing + 1.4, label: m.label});
    });
    if (rhythmLead === m.lead) out.push({x: m.t, y: -LAYOUT.length * rowSpacing + 1.4, label: m.label});
    return out;
  });

  // Where a (lead, time) lands on the sheet: its layout panel and, for the rhythm lead, the strip.
  const places = (lead: string, t: number): number[] => {
    const ys: number[] = [];
    LAYOUT.forEach((row, r) => {
      const c = row.indexOf(lead);
      if (c >= 0 && t >= c * columnSeconds && t < (c + 1) * columnSeconds) ys.push(-r * rowSpacing);
    });
    if (rhythmLead === lead) ys.push(-LAYOUT.length * rowSpacing);
    return ys;
  };
  const boundaryLines = boundaries.flatMap((b) => places(b.lead, b.t).map((y) => ({x: b.t, y1: y - rowSpacing * 0.42, y2: y + rowSpacing * 0.42})));

  return Plot.plot({
    width,
    height,
    marginLeft,
    marginRight,
    marginTop,
    marginBottom,
    style: {background: "#fff8f6"},
    x: {domain: [0, seconds], label: "time (s)", ticks: steps(0, seconds, 1)},
    y: {domain: [yBottom, yTop], axis: null},
    marks: [
      Plot.ruleX(steps(0, seconds, 0.04), {stroke: "#f4c7c3", strokeWidth: 0.4}),
      Plot.ruleY(steps(Math.ceil(yBottom / 0.1) * 0.1, yTop, 0.1), {stroke: "#f4c7c3", strokeWidth: 0.4}),
      Plot.ruleX(steps(0, seconds, 0.2), {stroke: "#e8908a", strokeWidth: 0.7}),
      Plot.ruleY(steps(Math.ceil(yBottom / 0.5) * 0.5, yTop, 0.5), {stroke: "#e8908a", strokeWidth: 0.7}),
      Plot.ruleX(steps(columnSeconds, seconds - columnSeconds, columnSeconds), {y1: -rowSpacing * (LAYOUT.length - 0.5), y2: yTop, stroke: "#555", strokeWidth: 1.2}),
      ...(boundaryLines.length ? [Plot.ruleX(boundaryLines, {x: "x", y1: "y1", y2: "y2", stroke: "#8a8a8a", strokeWidth: 0.8, strokeDasharray: "3,2"})] : []),
      ...lines,
      Plot.text(labels, {x: "x", y: "y", text: "text", textAnchor: "start", fontWeight: "bold", fontSize: 11}),
      // ruleX, not tickX: tickX would make y an ordinal (band) scale.
      Plot.ruleX(markerPoints, {x: "x", y1: (d) => d.y - 0.3, y2: (d) => d.y + 0.3, stroke: "#1f6feb", strokeWidth: 1.5}),
      Plot.text(markerPoints.filter((m) => m.label != null), {x: "x", y: "y", text: "label", dy: -8, fontSize: 8, fill: "currentColor"})
    ]
  });
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
