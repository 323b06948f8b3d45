// The one-way dependency rule of the repository: pages -> components; src/data -> data-loaders -> training.
// training/ is a library: it never imports the site (src/) or the loaders (data-loaders/), and code outside it
// imports only its public entries (training/data.ts, models.ts, studies.ts, command.ts); tests may import internals.
import {test} from "node:test";
import assert from "node:assert/strict";
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, relative, sep} from "node:path";
import {importsOf, tsFiles} from "./helpers/imports.js";

/** The public entries of training/: the only training/ modules code outside training/ (tests aside) may import. */
const TRAINING_ENTRIES = ["training/data", "training/models", "training/studies", "training/command"];

/** The folders whose code must import training/ through its public entries. */
const OUTSIDE_TRAINING = ["data-loaders", "src", "scripts", "bench"];

/**
 * Imports of training/ modules that are not public entries, as "file -> imported module" (both relative to
 * `root`), made by the TypeScript files under the given folders of `root`.
 */
function nonEntryImports(root: string, folders: readonly string[]): string[] {
  const posix = (path: string) => relative(root, path).split(sep).join("/");
  return folders.flatMap((folder) =>
    tsFiles(join(root, folder))
      .sort()
      .flatMap((file) =>
        importsOf(file)
          .map(posix)
          .filter((path) => path.startsWith("training/") && !TRAINING_ENTRIES.includes(path.replace(/\.(m?[jt]s)$/, "")))
          .map((path) => `${posix(file)} -> ${path}`)
      )
  );
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

test("the site (src/: pages, components, lib, loader entries) reaches training/ only through data-loaders/", () => {
  const offenders = tsFiles("src").flatMap((f) => importsOf(f).filter((p) => p.startsWith("training/")).map((p) => `${f} -> ${p}`));
  assert.deepEqual(offenders, [], `src/data/* -> data-loaders/ -> training/: import these through a data-loaders/ module:\n  ${offenders.join("\n  ")}`);
});

test("code outside training/ imports only training/'s public entries (data, models, studies, command)", () => {
  const offenders = nonEntryImports(".", OUTSIDE_TRAINING);
  assert.deepEqual(
    offenders,
    [],
    `these files import training/ modules that are not public entries; import from ${TRAINING_ENTRIES.map((e) => `${e}.ts`).join(", ")} ` +
      `instead (re-export the name there if it is missing):\n  ${offenders.join("\n  ")}`
  );
});

test("the public-entry check names each file that imports a training/ module other than an entry, and each such import", () => {
  const root = mkdtempSync(join(tmpdir(), "layering-"));
  try {
    const files: Record<string, string> = {
      "data-loaders/ok.ts": 'import {RunStore} from "../training/studies.js";\nimport type {TrainConfig} from "../training/models.js";\n',
      "data-loaders/deep.ts": 'import {RunStore} from "../training/store/run-store.js";\nimport {ecgDataDir} from "../training/data.js";\n',
      "src/data/loader.ts": 'import type {Study} from "../../training/studies/types.js";\nexport {TRAINING_CODE_VERSION} from "../../training/version.js";\n',
      "bench/lazy.bench.ts": 'const {train} = await import("../training/train/train.js");\n',
      "scripts/site-only.ts": 'import {sizeLabel} from "../data-loaders/runs/to-rows.js";\n'
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), {recursive: true});
      writeFileSync(join(root, path), text);
    }
    assert.deepEqual(nonEntryImports(root, OUTSIDE_TRAINING), [
      "data-loaders/deep.ts -> training/store/run-store.js",
      "src/data/loader.ts -> training/studies/types.js",
      "src/data/loader.ts -> training/version.js",
      "bench/lazy.bench.ts -> training/train/train.js"
    ]);
  } finally {
    rmSync(root, {recursive: true, force: true});
  }
});
