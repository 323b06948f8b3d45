import {test} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;
const run = (file: string, env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", file], {encoding: "utf8", env: {...process.env, NO_TRAIN: "1", ...env}});

/** A store with one good smoke run, one truncated file and one file whose key is not its name. */
function brokenStore(): {dir: string; truncated: string; wrongKey: string} {
  const dir = mkdtempSync(join(tmpdir(), "build-inputs-"));
  const runs = readdirSync("results/runs").filter((f) => /^[0-9a-f]{20}\.json$/.test(f));
  copyFileSync(join("results/runs", runs[0]!), join(dir, runs[0]!));
  const truncated = "0".repeat(20) + ".json";
  writeFileSync(join(dir, truncated), readFileSync(join("results/runs", runs[1]!), "utf8").slice(0, 200));
  const wrongKey = "f".repeat(20) + ".json";
  copyFileSync(join("results/runs", runs[2]!), join(dir, wrongKey));
  return {dir, truncated, wrongKey};
}

test("the build's pre-flight names an unknown STUDY, the known studies and the fix, without a stack trace", () => {
  const r = run("scripts/check-build-inputs.ts", {STUDY: "nonexistent"});
  assert.equal(r.status, 1);
  assert.match(r.stderr, /STUDY=nonexistent is not a study/);
  assert.match(r.stderr, /known: smoke, quick/);
  assert.match(r.stderr, /previous dist\/ is kept/);
  assert.doesNotMatch(r.stderr, STACK_LINE);
});

test("the pre-flight names every broken run file and how to fix it; a good store passes", () => {
  const {dir, truncated, wrongKey} = brokenStore();
  try {
    const r = run("scripts/check-build-inputs.ts", {RUN_STORE: dir, STUDY: "smoke"});
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`${truncated}: not valid JSON`));
    assert.match(r.stderr, new RegExp(`${wrongKey}: not a run record`));
    assert.match(r.stderr, /git checkout --/);
    assert.match(r.stderr, /delete it and its run is retrained/);
    assert.doesNotMatch(r.stderr, STACK_LINE);
    rmSync(join(dir, truncated));
    rmSync(join(dir, wrongKey));
    assert.equal(run("scripts/check-build-inputs.ts", {RUN_STORE: dir, STUDY: "smoke"}).status, 0);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test("a loader run on its own ends a bad input with one line that names it", () => {
  const unknown = run("src/data/runs.parquet.ts", {STUDY: "nonexistent"});
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /^runs\.parquet\.ts: unknown study "nonexistent"/m);
  assert.doesNotMatch(unknown.stderr, STACK_LINE);
  const {dir, truncated} = brokenStore();
  try {
    const broken = run("src/data/runs.parquet.ts", {RUN_STORE: dir, STUDY: "smoke"});
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, new RegExp(`${truncated}: not valid JSON.*delete it to retrain`));
    assert.doesNotMatch(broken.stderr, STACK_LINE);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test("npm run build checks its inputs before anything clears dist/", () => {
  const prebuild: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.prebuild;
  assert.match(prebuild, /^node --import tsx scripts\/check-build-inputs\.ts && /);
});

test("a NO_TRAIN build names the missing runs: one line each when few, counted per family and D when many", async () => {
  const {describeMissing} = await import("../../data-loaders/runs/study-runs.js");
  const {planStudy, studyByName} = await import("../../training/studies/index.js");
  const plan = planStudy(studyByName("smoke"), "v");
  const few = describeMissing(plan.slice(0, 2));
  assert.equal(few.split("\n").length, 2);
  assert.match(few, new RegExp(`missing: ${plan[0]!.config.family} \\S+ D=${plan[0]!.config.records} seed ${plan[0]!.config.seed} \\(${plan[0]!.key}\\)`));
  const many = describeMissing(plan, 4);
  assert.equal(many.split("\n").length, new Set(plan.map((r) => r.config.family)).size);
  assert.match(many, /missing: resnet-sl: \d+ at D=\d+/);
});
