// The families' legend: each family's colour, mark and line dash with its name, so that a reader
// who cannot tell the colours apart still can. FamilyLegend(families) -> <div data-chart-legend>.
import {familyColor, familyDash, familyName, familySymbol} from "./study-style.js";
import {h} from "./dom.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/** SVG path of a Plot symbol of radius ~4.5 at (0, 0). */
const SYMBOL_PATHS: Record<string, string> = {
  circle: "M4.5,0A4.5,4.5,0,1,1,-4.5,0A4.5,4.5,0,1,1,4.5,0Z",
  square: "M-4,-4h8v8h-8Z",
  triangle: "M0,-5L4.8,3.5H-4.8Z",
  diamond: "M0,-5.5L4,0L0,5.5L-4,0Z",
  cross: "M-1.5,-5h3v3.5h3.5v3h-3.5v3.5h-3v-3.5h-3.5v-3h3.5Z",
  star: "M0,-5L1.2,-1.6L4.8,-1.5L1.9,0.6L2.9,4L0,2L-2.9,4L-1.9,0.6L-4.8,-1.5L-1.2,-1.6Z",
  wye: "M-1,-5h2v4l3.5,2l-1,1.7l-3.5,-2l-3.5,2l-1,-1.7l3.5,-2Z",
  times: "M-4,-2.6L-2.6,-4L0,-1.4L2.6,-4L4,-2.6L1.4,0L4,2.6L2.6,4L0,1.4L-2.6,4L-4,2.6L-1.4,0Z"
};

function swatch(color: string, symbol: string, dash: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("width", "34");
  svg.setAttribute("height", "14");
  svg.setAttribute("viewBox", "-17 -7 34 14");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS(SVG_NS, "line");
  Object.entries({x1: "-16", x2: "16", y1: "0", y2: "0", stroke: color, "stroke-width": "2", "stroke-dasharray": dash}).forEach(([k, v]) => line.setAttribute(k, v));
  const mark = document.createElementNS(SVG_NS, "path");
  mark.setAttribute("d", SYMBOL_PATHS[symbol] ?? SYMBOL_PATHS.circle!);
  mark.setAttribute("fill", color);
  svg.append(line, mark);
  return svg;
}

export function FamilyLegend(families: readonly string[]): HTMLElement {
  const color = familyColor(families);
  const symbol = familySymbol(families);
  const domain = (color.domain ?? []) as string[];
  return h("div", {"data-chart-legend": "", class: "family-legend", style: "display:flex;flex-wrap:wrap;gap:4px 14px;font:12px var(--sans-serif);margin:4px 0 8px"},
    domain.map((f, i) => h("span", {style: "display:inline-flex;align-items:center;gap:4px"},
      swatch((color.range as string[])[i]!, (symbol.range as string[])[i]!, familyDash(f)), h("span", {"data-export-text": familyName(f)}, familyName(f)))));
}
