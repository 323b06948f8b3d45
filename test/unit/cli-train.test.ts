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

test("the usage marks the required flags, and leaving them out names every one", () => {
  assert.match(run(["--help"]).stdout, /--records N\s+D: pre-training records \(required\)/);
  const r = run(["--family", "resnet-sl"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /error: --size, --records, --steps are required\n\nusage:/);
});

test("a value the trainer cannot use (--lr -1) prints the usage with the error", () => {
  const r = run(["--family", "resnet-sl", "--size", "1x4", "--records", "32", "--steps", "2", "--lr", "-1"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /error: --lr must be positive, got -1\n\nusage:/);
});

test("a model far too large for the machine is refused before it trains, with its memory need and the limit", () => {
  const r = run(["--family", "resnet-sl", "--size", "300x4096", "--records", "32", "--steps", "2", "--no-real-probe", "--out", join(tmpdir(), "never.json")]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /this run needs about \d+ GB to train .* can use [\d.]+ GB\. Choose a smaller --size or --batch\./);
  assert.doesNotMatch(r.stderr, /samples\/s/, "no training started");
});
