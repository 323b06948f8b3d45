// The train command as a new user meets it: --help answers with the usage and exit 0, and an
// --out that cannot take the run record is refused before any training starts.
import {test} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

const run = (args: string[]) => {
  const started = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", "training/cli/train.ts", ...args], {encoding: "utf8", timeout: 60_000});
  return {...r, seconds: (performance.now() - started) / 1000};
};

test("--help and -h print the usage and exit 0", () => {
  for (const flag of ["--help", "-h"]) {
    const r = run([flag]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /usage: npm run train --/);
    assert.match(r.stdout, /--family/);
  }
});

test("--out naming a folder is refused before training, with the fix", () => {
  const dir = mkdtempSync(join(tmpdir(), "ecg-out-"));
  try {
    const r = run(["--family", "resnet-sl", "--size", "1x4", "--records", "32", "--steps", "2", "--out", dir]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`--out ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is a folder; give a file path`));
    assert.doesNotMatch(r.stderr, /backend:/, "no backend was started, so no training either");
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test("a repeated option is refused", () => {
  const r = run(["--steps", "5", "--steps", "6"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--steps is given more than once/);
});
