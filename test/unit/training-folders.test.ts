// Cycles between the folders of training/ (issue 19, "Break the cycles"): folder A imports folder B and B
// imports A, directly or through a longer chain. Type-only imports count (they tie the folders together just
// the same). The test lists every elementary cycle with one example import per edge, and holds the set of
// cycles to KNOWN_CYCLES below, so a new cycle fails it.
import {test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {importsOf, tsFiles} from "./helpers/imports.js";

/**
 * The folder cycles training/ still has, each written from its alphabetically first folder. This list must
 * only shrink: break a cycle and remove it here (the test fails while a listed cycle no longer exists); never
 * add one to make a new cycle pass.
 */
const KNOWN_CYCLES: string[] = [];


/** The folder of training/ a path lies in (training/train/train.ts -> "train"); undefined for files at the top. */
function folderOf(path: string): string | undefined {
  const parts = path.split(/[\\/]/);
  return parts[0] === "training" && parts.length > 2 ? parts[1] : undefined;
}

/** Folder-to-folder imports of training/, each edge with its first example import ("file -> imported path"). */
function folderEdges(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of tsFiles("training").sort()) {
    const from = folderOf(file);
    if (!from) continue;
    for (const path of importsOf(file)) {
      const to = folderOf(path);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${file} -> ${path}`);
    }
  }
  return edges;
}

/** Every elementary cycle of the folder graph, each as its list of folders starting (and ending) at its alphabetically first. */
function folderCycles(edges: Map<string, Map<string, string>>): string[][] {
  const cycles: string[][] = [];
  for (const start of [...edges.keys()].sort()) {
    const path = [start];
    const walk = (node: string) => {
      for (const next of [...(edges.get(node)?.keys() ?? [])].sort()) {
        if (next === start) cycles.push([...path, start]);
        else if (next > start && !path.includes(next)) {
          path.push(next);
          walk(next);
          path.pop();
        }
      }
    };
    walk(start);
  }
  return cycles;
}

test("the folders of training/ form no cycles beyond the known ones (which must only shrink)", () => {
  const edges = folderEdges();
  const cycles = folderCycles(edges);
  const name = (cycle: string[]) => cycle.join(" -> ");
  const describe = (cycle: string[]) =>
    [name(cycle), ...cycle.slice(1).map((to, i) => `    ${cycle[i]} -> ${to}: ${edges.get(cycle[i]!)!.get(to)}`)].join("\n");
  const found = cycles.map(name).sort();
  const added = cycles.filter((c) => !KNOWN_CYCLES.includes(name(c)));
  const gone = KNOWN_CYCLES.filter((c) => !found.includes(c));
  assert.deepEqual(
    found,
    [...KNOWN_CYCLES].sort(),
    [
      added.length ? `new folder cycles in training/ (break them; do not list them):\n${added.map(describe).join("\n")}` : "",
      gone.length ? `cycles no longer present (remove them from KNOWN_CYCLES):\n  ${gone.join("\n  ")}` : "",
      `all cycles found:\n${cycles.map(describe).join("\n")}`
    ]
      .filter(Boolean)
      .join("\n")
  );
});

test("the cycle check finds a cycle through a longer chain and names one import per edge", () => {
  const edges = new Map([
    ["a", new Map([["b", "training/a/x.ts -> training/b/y"]])],
    ["b", new Map([["c", "training/b/y.ts -> training/c/z"]])],
    ["c", new Map([["a", "training/c/z.ts -> training/a/x"], ["d", "training/c/z.ts -> training/d/w"]])],
    ["d", new Map([["c", "training/d/w.ts -> training/c/z"]])]
  ]);
  assert.deepEqual(folderCycles(edges).map((c) => c.join(" -> ")), ["a -> b -> c -> a", "c -> d -> c"]);
  assert.equal(folderOf("training/train/train.ts"), "train");
  assert.equal(folderOf("training/version.ts"), undefined);
});
