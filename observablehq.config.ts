// Observable Framework configuration. Everything here stays local: no web fonts,
// no CDN imports, a data: favicon, so the built site works with no network.
export default {
  title: "How do ECG models scale?",
  root: "src",
  output: "dist",
  pages: [
    {name: "Scaling", path: "/scaling"},
    {name: "Transfer", path: "/transfer"},
    {name: "Absolute performance", path: "/performance"},
    {name: "Compute", path: "/compute"},
    {name: "Overfitting", path: "/overfitting"},
    {name: "Runs", path: "/runs"},
    {name: "Methods", path: "/methods"},
    {name: "Data", path: "/data"}
  ],
  head: '<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 16 16%22%3E%3Cpath d=%22M0 9h4l2-6 3 12 2-6h5%22 fill=%22none%22 stroke=%22%23c0392b%22 stroke-width=%222%22/%3E%3C/svg%3E">',
  // Framework's default styles with the light and dark themes (by prefers-color-scheme), and the
  // report's rules for phones and print (src/report.css).
  style: "report.css",
  globalStylesheets: ["observablehq:stdlib/inputs.css"],
  search: false,
  toc: true,
  pager: true,
  footer: "ecg-scaling: a reproducible scaling study of ECG models, built offline."
};
