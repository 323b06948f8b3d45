// What a reader on a phone or in dark mode must get, checked inside the page (page.evaluate:
// self-contained functions): no horizontal overflow of the page body, text contrast of at least
// WCAG AA (4.5:1, 3:1 for large text) against what is behind it, and an accessible name on every
// chart.

export interface Overflow {
  scrollWidth: number;
  viewport: number;
  /** Elements reaching past the viewport with no scrolling ancestor to hold them. */
  culprits: string[];
}

export function measureOverflow(): Overflow {
  const culprits = [...document.querySelectorAll("body *")]
    .filter((e) => {
      if (e.getBoundingClientRect().right <= innerWidth + 1) return false;
      for (let a = e.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return false;
      }
      return true;
    })
    .slice(0, 5)
    .map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") ?? ""}"> ${Math.round(e.getBoundingClientRect().right)} px: ${(e.textContent ?? "").trim().slice(0, 60)}`);
  return {scrollWidth: document.documentElement.scrollWidth, viewport: innerWidth, culprits};
}

export interface ContrastFailure {
  text: string;
  ratio: number;
  required: number;
  color: string;
  background: string;
}

/** Every visible text (HTML and SVG) whose contrast with its background is below WCAG AA. */
export function lowContrastTexts(): {checked: number; failures: ContrastFailure[]} {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", {willReadFrequently: true})!;
  // Any CSS colour (rgb, color(srgb ...), oklch, color-mix results) to RGBA through the canvas.
  const rgba = (css: string): [number, number, number, number] => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "#000";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!, a! / 255];
  };
  const over = (top: number[], below: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + below[i]! * (1 - top[3]!)).concat(1);
  const background = (el: Element | null): number[] => {
    const layers: number[][] = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let color = [255, 255, 255, 1];
    const root = rgba(getComputedStyle(document.documentElement).backgroundColor);
    if (root[3] > 0) color = over(root, color);
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };
  const luminance = (c: number[]) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(c[0]!) + 0.7152 * f(c[1]!) + 0.0722 * f(c[2]!);
  };
  const failures: ContrastFailure[] = [];
  let checked = 0;
  const seen = new Set<Element>();
  const shapes = new Map<Element, Element[]>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !(node.textContent ?? "").trim()) continue;
    seen.add(el);
    if (el.closest("script, style, title, option, [aria-hidden='true'], .figure-description, [hidden]")) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1 || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const style = getComputedStyle(el);
    const inSvg = el instanceof SVGElement;
    const fg = rgba(inSvg ? style.fill : style.color);
    if (fg[3] === 0) continue;
    const opacity = Number(inSvg ? style.fillOpacity : 1) * Number(style.opacity);
    let bg = background(inSvg ? el.closest("svg")!.parentElement : el);
    if (inSvg) {
      // SVG text over a filled shape (a cell, a bar) drawn before it: that shape is its background.
      const x = rect.left + rect.width / 2;
      const y = rect.top + rect.height / 2;
      const svg = el.closest("svg")!;
      if (!shapes.has(svg)) {
        shapes.set(svg, [...svg.querySelectorAll("rect, path, circle, polygon, ellipse")].filter((e) => {
          const s = getComputedStyle(e);
          return s.fill !== "none" && rgba(s.fill)[3] > 0 && Number(s.fillOpacity) > 0;
        }));
      }
      const before = (e: Element) => (e.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      const under = shapes.get(svg)!.filter((e) => {
        const r = e.getBoundingClientRect();
        return before(e) && r.left <= x && x <= r.right && r.top <= y && y <= r.bottom && r.width > 2 && r.height > 2;
      }).pop();
      if (under) {
        const s = getComputedStyle(under);
        const fill = rgba(s.fill);
        bg = over([fill[0], fill[1], fill[2], fill[3] * Number(s.fillOpacity) * Number(s.opacity)], bg);
      }
    }
    const text = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
    const [hi, lo] = [luminance(text), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi! + 0.05) / (lo! + 0.05);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const required = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    checked++;
    if (ratio + 1e-6 < required) {
      failures.push({text: (node.textContent ?? "").trim().slice(0, 50), ratio: Math.round(ratio * 100) / 100, required, color: `rgb(${text.slice(0, 3).map(Math.round).join(",")})`, background: `rgb(${bg.slice(0, 3).map(Math.round).join(",")})`});
    }
  }
  return {checked, failures};
}

/** Charts (as inspectPage finds them) without an accessible name of their own. */
export function unnamedCharts(): string[] {
  return [...document.querySelectorAll("svg[class^='plot'], svg[data-chart]")]
    .filter((svg) => !svg.closest("[data-chart-legend]") && svg.parentElement?.closest("svg") == null)
    .filter((svg) => !(svg.getAttribute("aria-label") ?? "").trim())
    .map((svg) => svg.closest(".card")?.querySelector("h2")?.textContent ?? svg.outerHTML.slice(0, 80));
}

/** Every control's label and value as a reader sees it (selects, toggles, checked table rows), in page order. */
export function controlValues(): string[] {
  return [...document.querySelectorAll("main form")].flatMap((form) => {
    const label = form.querySelector("label")?.textContent?.trim() ?? "";
    const select = form.querySelector("select");
    if (select) return [`${label}: ${select.selectedOptions[0]?.textContent ?? ""}`];
    const rows = form.querySelectorAll("tbody input[type=checkbox]");
    if (rows.length) return [`${label || "table"}: ${[...rows].filter((r) => (r as HTMLInputElement).checked).length} of ${rows.length} rows ticked`];
    const boxes = [...form.querySelectorAll("input[type=checkbox]")] as HTMLInputElement[];
    if (boxes.length) return [`${label}: ${boxes.map((b) => `${b.checked ? "on" : "off"}`).join(",")}`];
    const text = form.querySelector("input[type=search], input[type=text]") as HTMLInputElement | null;
    return text ? [`${label}: ${text.value}`] : [];
  });
}
