// The one-way dependency rule of the repository: pages -> components; src/data -> data-loaders -> training.
// training/ is a library: it never imports the site (src/) or the loaders (data-loaders/).
import {test} from "node:test";
import assert from "node:assert/strict";
import {readdirSync, readFileSync} from "node:fs";
import {dirname, join, normalize} from "node:path";

function tsFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? (e.name === "node_modules" ? [] : tsFiles(join(dir, e.name))) : /\.(m?ts)$/.test(e.name) ? [join(dir, e.name)] : []
  );
}

/** Repository paths a file imports (relative specifiers only). */
function importsOf(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)].map((m) => normalize(join(dirname(file), m[1]!)));
}

test("training/ imports neither the site (src/) nor the loaders (data-loaders/)", () => {
  const offenders = tsFiles("training").flatMap((f) => importsOf(f).filter((p) => p.startsWith("src/") || p.startsWith("data-loaders/")).map((p) => `${f} -> ${p}`));
  assert.deepEqual(offenders, []);
});

test("src/lib (shared by pages and loaders) imports nothing Node-only and nothing from data-loaders/ or training/", () => {
  const offenders = tsFiles("src/lib").flatMap((f) => {
    const src = readFileSync(f, "utf8");
    const nodeOnly = [...src.matchAll(/from\s+"(node:[^"]+)"/g)].map((m) => `${f} -> ${m[1]}`);
    const layers = importsOf(f).filter((p) => p.startsWith("data-loaders/") || p.startsWith("training/")).map((p) => `${f} -> ${p}`);
    return [...nodeOnly, ...layers];
  });
  assert.deepEqual(offenders, []);
});
