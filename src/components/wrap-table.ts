// A plain table whose cells wrap, for wide text tables (Inputs.table keeps every cell on
// one line and scrolls sideways). WrapTable(rows, {columns, testid}) -> <table data-table>.
import {h} from "./dom.js";

export interface WrapColumn<R> {
  key: string;
  label?: string;
  format?: (value: unknown, row: R) => string | Node;
  /** CSS width, e.g. "20%". */
  width?: string;
  /** Bold cells (a row's name). */
  strong?: boolean;
}

const STYLE = `
table.wrap-table{width:100%;max-width:none;table-layout:fixed;border-collapse:collapse;font-size:.82rem;line-height:1.35}
table.wrap-table th{text-align:left;vertical-align:bottom;overflow-wrap:anywhere;border-bottom:1px solid var(--theme-foreground-faint);padding:.25rem .4rem}
table.wrap-table td{vertical-align:top;border-bottom:1px solid var(--theme-foreground-faintest);padding:.3rem .4rem;overflow-wrap:anywhere}
`;

export function WrapTable<R extends Record<string, unknown>>(rows: readonly R[], options: {columns: WrapColumn<R>[]; testid?: string}): HTMLElement {
  const {columns} = options;
  const cell = (c: WrapColumn<R>, row: R) => {
    const value = c.format ? c.format(row[c.key], row) : row[c.key] == null ? "" : String(row[c.key]);
    return h("td", {}, c.strong ? h("b", {}, value) : value);
  };
  return h("div", {style: "overflow-x:auto"},
    h("style", {}, STYLE),
    h("table", {class: "wrap-table", "data-table": options.testid ?? "wrap-table", "data-testid": options.testid},
      h("colgroup", {}, columns.map((c) => h("col", {style: c.width ? `width:${c.width}` : null}))),
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", {}, c.label ?? c.key)))),
      h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((c) => cell(c, row)))))));
}
