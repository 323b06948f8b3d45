// A SQL editor over the page's DuckDB-wasm tables: a menu of example queries, a textarea,
// a Run button (or Ctrl/Cmd+Enter), the result as a table with a CSV download, and
// DuckDB's message when a query fails (shown in the page, never thrown to the console).
// The page passes how to open the database, and DuckDB-wasm (a large module and worker)
// starts only when the editor scrolls into view or is used, so it never delays the page;
// the page also passes how to draw a table (Inputs.table), so this stays a typed component.
import type {Db, Row} from "../lib/db/db.js";
import type {ExampleQuery} from "../lib/sql/runs.js";
import {CsvDownload} from "./csv-download.js";
import {h} from "./dom.js";

export interface SqlEditorOptions {
  examples: ExampleQuery[];
  /** Draws a result table (the page passes Inputs.table with its options). */
  table: (rows: Row[]) => HTMLElement;
  /** Run the first example as soon as DuckDB is ready. Default true. */
  runOnLoad?: boolean;
  /** The query to start with (e.g. from the page's URL) instead of the first example. */
  initialSql?: string | null;
  /** Called with the query text whenever it changes (the page keeps it in its URL). */
  onSql?: (sql: string) => void;
}

export function SqlEditor(open: () => Promise<Db>, options: SqlEditorOptions): HTMLElement {
  const {examples, table} = options;
  const menu = h("select", {"data-testid": "sql-examples", "aria-label": "Example queries", style: "max-width:100%"},
    h("option", {value: ""}, "Example queries…"),
    examples.map((q, i) => h("option", {value: String(i)}, q.name)));
  const input = h("textarea", {"data-testid": "sql-input", "aria-label": "SQL query", spellcheck: "false", rows: 9,
    style: "width:100%;box-sizing:border-box;font-family:var(--monospace);font-size:.85rem;padding:.4rem;resize:vertical"});
  input.value = options.initialSql || (examples[0]?.sql ?? "SELECT * FROM runs");
  input.addEventListener("input", () => options.onSql?.(input.value));
  const button = h("button", {"data-testid": "sql-run", type: "button"}, "Run");
  const status = h("span", {"data-testid": "sql-status", role: "status", style: "margin-left:.6rem;font-size:.85rem;color:var(--theme-foreground-muted)"}, "DuckDB starts when the editor comes into view");
  const result = h("div", {"data-testid": "sql-result"});

  let opening: Promise<Db> | null = null;
  let ran = false;
  const db = (): Promise<Db> => {
    if (opening) return opening;
    status.textContent = "starting DuckDB…";
    opening = open();
    opening.then(
      () => {
        if (!running) status.textContent = "DuckDB ready: tables runs and curves";
        if ((options.runOnLoad ?? true) && !ran) void run();
      },
      (error: unknown) => {
        status.textContent = "DuckDB could not start";
        result.replaceChildren(h("div", {class: "warning", "data-testid": "sql-error", role: "alert"}, String(error instanceof Error ? error.message : error)));
      }
    );
    return opening;
  };

  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    ran = true;
    button.disabled = true;
    status.textContent = opening ? "running…" : "starting DuckDB…";
    const started = performance.now();
    try {
      const rows = await (await db()).query(input.value);
      const ms = performance.now() - started;
      status.textContent = `${rows.length.toLocaleString("en-US")} ${rows.length === 1 ? "row" : "rows"} in ${ms.toFixed(0)} ms`;
      result.replaceChildren(
        rows.length ? table(rows) : h("p", {"data-testid": "sql-empty"}, "The query returned no rows."),
        rows.length ? CsvDownload(rows, {filename: "query.csv", testid: "sql-csv", label: "Download result as CSV"}) : ""
      );
    } catch (error) {
      const message = error instanceof Error ? (error as {duckdbMessage?: string}).duckdbMessage ?? error.message : String(error);
      status.textContent = "the query failed";
      result.replaceChildren(h("div", {class: "warning", "data-testid": "sql-error", role: "alert"}, h("pre", {style: "white-space:pre-wrap;margin:0"}, message)));
    } finally {
      running = false;
      button.disabled = false;
    }
  };
  button.addEventListener("click", run);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  });
  menu.addEventListener("change", () => {
    const q = examples[Number(menu.value)];
    if (menu.value !== "" && q) {
      input.value = q.sql;
      options.onSql?.(q.sql);
      void run();
    }
  });
  input.addEventListener("focus", () => void db().catch(() => undefined));
  const root = h("div", {class: "sql-editor"},
    h("div", {style: "margin-bottom:.4rem"}, menu),
    input,
    h("div", {style: "margin:.3rem 0 .6rem"}, button, status, h("span", {style: "margin-left:.6rem;font-size:.8rem;color:var(--theme-foreground-faint)"}, "Ctrl+Enter runs the query")),
    result);
  if (typeof IntersectionObserver === "function") {
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        seen.disconnect();
        void db().catch(() => undefined);
      }
    });
    seen.observe(root);
  }
  return root;
}
