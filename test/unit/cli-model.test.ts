// The model commands as a user meets them: `train --save-model DIR` keeps the chosen checkpoint and `probe --model
// DIR --data DATASET` probes it (the same result as the run record's, on the same machine); an unknown model
// folder, a folder that is not a model, an unknown dataset and a --save-model folder of other files are refused
// with the usage, before any training or model loading.
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

const command = (script: string, args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", `training/cli/${script}.ts`, ...args], {encoding: "utf8", timeout: 120_000, env: {...process.env, ECG_DATA_DIR: "/nonexistent"}});
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "cli-model-"));
});
after(() => rmSync(dir, {recursive: true, force: true}));

test("train --save-model keeps the chosen checkpoint, and probe on it repeats the run record's probe exactly", () => {
  const model = join(dir, "model");
  const out = join(dir, "run.json");
  const trained = command("train", ["--family", "resnet-sl", "--size", "1x4", "--records", "96", "--steps", "4", "--eval-every", "2", "--batch", "16", "--scale", "0.02", "--ood", "sex", "--out", out, "--save-model", model, "--no-real-probe"]);
  assert.equal(trained.status, 0, trained.stderr);
  assert.match(trained.stderr, /model artefact \(chosen checkpoint, step \d+\) written to .*model\.json \d+ bytes, weights\.bin \d+ bytes, model\.safetensors \d+ bytes/);
  for (const file of ["model.json", "weights.bin", "model.safetensors"]) assert.ok(existsSync(join(model, file)), file);

  const result = join(dir, "probe.json");
  const probed = command("probe", ["--model", model, "--data", "sex", "--out", result]);
  assert.equal(probed.status, 0, probed.stderr);
  assert.match(probed.stdout, /at training: .*\(identical\)/);
  const record = JSON.parse(readFileSync(out, "utf8")) as {result: {best: {ood: Record<string, {loss: number; auroc: number}>}}};
  const written = JSON.parse(readFileSync(result, "utf8")) as {probe: {loss: number; auroc: number}; dataset: {name: string}};
  assert.equal(written.dataset.name, "sex");
  assert.equal(written.probe.loss, record.result.best.ood.sex!.loss);
  assert.equal(written.probe.auroc, record.result.best.ood.sex!.auroc);
});

test("probe refuses an unknown model folder, a folder that is not a model and an unknown dataset, with the usage", () => {
  const notModel = join(dir, "not-a-model");
  mkdirSync(notModel, {recursive: true});
  for (const [args, message] of [
    [["--model", join(dir, "nowhere"), "--data", "sex"], /error: no model folder .*nowhere/],
    [["--model", notModel, "--data", "sex"], /is not a model artefact: it has no model\.json/],
    [["--model", notModel], /--data is required/]
  ] as const) {
    const r = command("probe", [...args]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /usage: npm run probe --/);
    assert.doesNotMatch(r.stderr, /backend:/, "refused before starting a backend");
  }
  writeFileSync(join(notModel, "model.json"), "{}");
  const unknown = command("probe", ["--model", notModel, "--data", "mimic-iv"]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown dataset "mimic-iv"; known: code-like, ptbxl-super, .*sex/);
});

test("train --save-model refuses a folder holding other files before training", () => {
  const busy = join(dir, "busy");
  mkdirSync(busy, {recursive: true});
  writeFileSync(join(busy, "notes.txt"), "mine");
  const r = command("train", ["--family", "resnet-sl", "--size", "1x4", "--records", "96", "--steps", "2", "--out", join(dir, "r.json"), "--save-model", busy]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--save-model: .*busy is a folder with other files in it/);
  assert.doesNotMatch(r.stderr, /backend:/);
});
