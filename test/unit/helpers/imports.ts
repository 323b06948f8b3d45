// The repository's own import graph, for the layering tests: TypeScript files under a folder and the repository
// paths each imports (relative specifiers only; `import type` and `export ... from` included).
import {readdirSync, readFileSync} from "node:fs";
import {dirname, join, normalize} from "node:path";

export function tsFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? (e.name === "node_modules" ? [] : tsFiles(join(dir, e.name))) : /\.(m?ts)$/.test(e.name) ? [join(dir, e.name)] : []
  );
}

export function importsOf(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)].map((m) => normalize(join(dirname(file), m[1]!)));
}
