// A page's controls in its URL, so that a link opens exactly the view it was copied from: the
// controls read their starting value from the query string (urlChoice, urlParam) and a cell that
// depends on them writes them back (setUrlParams: history.replaceState, so no reload and no new
// history entry; the #section anchors stay as they are). CopyLink() copies the current address.
import {h} from "./dom.js";

/** The query-string value of `name`, or null. */
export function urlParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** The option whose key is the URL's value of `name`, else `fallback` (an unknown value is ignored). */
export function urlChoice<T>(name: string, options: readonly T[], fallback: T, key: (option: T) => string = String): T {
  const value = urlParam(name);
  if (value === null) return fallback;
  return options.find((o) => key(o) === value) ?? fallback;
}

/** A URL list ("a,b,c") as a set of strings; empty when absent. */
export function urlSet(name: string): Set<string> {
  const value = urlParam(name);
  return new Set(value ? value.split(",").filter(Boolean) : []);
}

/** Writes `params` into the address bar (null or undefined removes a parameter). */
export function setUrlParams(params: Record<string, string | number | boolean | readonly string[] | null | undefined>): void {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) url.searchParams.delete(name);
    else url.searchParams.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  if (url.href !== location.href) history.replaceState(history.state, "", url.href);
}

/** A "Copy link" button: copies the address of the current view; the copied link is kept in data-link. */
export function CopyLink(): HTMLElement {
  const status = h("span", {role: "status", "data-testid": "copy-link-status", style: "margin-left:.5rem;font-size:.8rem;color:var(--theme-foreground-muted)"});
  const button = h("button", {type: "button", "data-testid": "copy-link", title: "Copies the address of this page with its controls as they are"}, "Copy link to this view");
  const root = h("div", {class: "share-link", style: "margin:.5rem 0"}, button, status);
  button.addEventListener("click", async () => {
    const link = location.href;
    root.dataset.link = link;
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = "Link copied.";
    } catch {
      status.textContent = `Copy this link: ${link}`;
    }
  });
  return root;
}
