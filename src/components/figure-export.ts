// A figure as a file: its charts (one SVG, or the panels of a small multiple, with their
// titles) composed into one standalone SVG at their on-screen layout, on the card's background
// and in the theme's text colour, and that SVG rendered to a PNG. Browser-only (reads layout).

const SVG_NS = "http://www.w3.org/2000/svg";

/** The charts of a figure: top-level SVGs (not those nested in another), legends included. */
export function figureSvgs(container: Element): SVGSVGElement[] {
  return [...container.querySelectorAll("svg")].filter((svg) => svg.parentElement?.closest("svg") == null && svg.getBoundingClientRect().width > 0);
}

/** One standalone SVG of everything drawn in `container`, with its panel titles as text. */
export function composeSvg(container: Element): {svg: string; width: number; height: number} {
  const svgs = figureSvgs(container);
  if (svgs.length === 0) throw new Error("this figure has no chart to export");
  const rects = svgs.map((s) => s.getBoundingClientRect());
  // HTML text that belongs in the picture: panel titles (bold) and legend names ([data-export-text]).
  const titles = [...container.querySelectorAll<HTMLElement>("[data-panel-title], [data-export-text]")];
  const all = [...rects, ...titles.map((t) => t.getBoundingClientRect())];
  const PAD = 10; // a margin around the picture
  const left = Math.min(...all.map((r) => r.left)) - PAD;
  const top = Math.min(...all.map((r) => r.top)) - PAD;
  const width = Math.ceil(Math.max(...all.map((r) => r.right)) - left + PAD);
  const height = Math.ceil(Math.max(...all.map((r) => r.bottom)) - top + PAD);
  const style = getComputedStyle(container);
  const card = container.closest(".card") ?? document.body;
  const background = getComputedStyle(card).backgroundColor;
  const root = document.createElementNS(SVG_NS, "svg");
  root.setAttribute("xmlns", SVG_NS);
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  root.setAttribute("color", style.color);
  root.setAttribute("font-family", "system-ui, sans-serif");
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", background && background !== "rgba(0, 0, 0, 0)" ? background : "white");
  root.append(bg);
  for (const title of titles) {
    const r = title.getBoundingClientRect();
    const text = document.createElementNS(SVG_NS, "text");
    text.setAttribute("x", String(r.left - left));
    const bold = title.dataset.panelTitle !== undefined;
    text.setAttribute("y", String(r.top - top + (bold ? 12 : 11)));
    text.setAttribute("font-size", bold ? "13" : "12");
    if (bold) text.setAttribute("font-weight", "600");
    text.setAttribute("fill", style.color);
    text.textContent = title.dataset.panelTitle ?? title.dataset.exportText ?? title.textContent ?? "";
    root.append(text);
  }
  svgs.forEach((svg, i) => {
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute("x", String(rects[i]!.left - left));
    copy.setAttribute("y", String(rects[i]!.top - top));
    copy.setAttribute("width", String(rects[i]!.width));
    copy.setAttribute("height", String(rects[i]!.height));
    copy.querySelectorAll("title").forEach((t) => t.remove());
    root.append(copy);
  });
  return {svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`, width, height};
}

/** The composed SVG rendered at `scale` pixels per CSS pixel, as a PNG blob. */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], {type: "image/svg+xml"}));
  try {
    const image = new Image();
    image.decoding = "sync";
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("the figure's SVG could not be drawn as an image"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas to draw the PNG on");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the PNG could not be encoded"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Hands `blob` to the browser as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
