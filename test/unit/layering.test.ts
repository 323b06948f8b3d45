// The one-way dependency rule of the repository: pages -> components; src/data -> data-loaders -> training.
// training/ is a library: it never imports the site (src/) or the loaders (data-loaders/).
import {test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {importsOf, tsFiles} from "./helpers/imports.js";


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
