// The site's family vocabulary (src/lib/families.ts) mirrors the training registry, which the site cannot
// import: same names, architectures, paradigms, display names and order; the same for the unseen OOD tasks.
import {test} from "node:test";
import assert from "node:assert/strict";
import {familyNames, familySpec} from "../../training/families/registry.js";
import {SITE_FAMILIES, architecturePairs, familyLabel, paradigmPairs} from "../../src/lib/families.js";
import {UNSEEN_TASKS as SITE_UNSEEN} from "../../src/lib/tasks.js";
import {DATASET_SPECS, UNSEEN_TASKS} from "../../training/corpus/specs.js";

test("the site's families are the registry's built-in families, in the same order and with the same names", () => {
  const registry = familyNames().map((name) => {
    const f = familySpec(name);
    return {name, architecture: f.architecture.name, paradigm: f.paradigm, displayName: f.displayName};
  });
  assert.deepEqual([...SITE_FAMILIES], registry);
  assert.equal(familyLabel("pool-sl"), "pool-sl", "an unknown family is shown by its name");
});

test("the pairs the findings compare are formed from architecture and paradigm", () => {
  assert.deepEqual(paradigmPairs("ssl", "sl"), [["resnet-ssl", "resnet-sl"], ["transformer-ssl", "transformer-sl"]]);
  assert.deepEqual(architecturePairs("resnet", "transformer"), [["resnet-sl", "transformer-sl"], ["resnet-ssl", "transformer-ssl"]]);
});

test("the site's unseen tasks are the OOD specs' unseen domains, and every OOD spec says its domain", () => {
  assert.deepEqual([...SITE_UNSEEN], [...UNSEEN_TASKS]);
  assert.ok(Object.values(DATASET_SPECS).every((d) => (d.role === "ood") === (d.domain !== undefined)));
});
