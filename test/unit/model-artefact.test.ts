// Model artefacts (training/artefacts/): a tiny run's chosen checkpoint saved, reloaded into its family model and
// measured again (same ID loss and probe results as the run record: bit-identical, same process and backend), and
// its safetensors export read back by an independent reader (numpy, test/unit/safetensors-numpy.py) with
// identical values.
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {initBackend} from "../../training/backend/index.js";
import {loadCorpus} from "../../training/corpus/index.js";
import {train} from "../../training/train/train.js";
import {probeAll} from "../../training/train/evaluate.js";
import {resolveTrainConfig} from "../../training/train/config.js";
import {
  captureWeights,
  decodeSafetensors,
  encodeSafetensors,
  loadModelArtefact,
  readModelArtefact,
  SAFETENSORS_FILE,
  saveModelArtefact,
  type CapturedWeights
} from "../../training/artefacts/index.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const corpus = {name: "code-like", seed: 0, scale: 0.02};
let dir: string;

before(async () => {
  await initBackend({threads: 1, warn: () => {}});
  dir = mkdtempSync(join(tmpdir(), "model-artefact-"));
});
after(() => rmSync(dir, {recursive: true, force: true}));

const numpy = spawnSync("python3", ["-c", "import numpy"], {encoding: "utf8"});

for (const [family, size, learningRate] of [
  ["resnet-sl", {units: 1, width: 4}, 1e-3],
  // A high learning rate makes this run's chosen checkpoint (step 6) an earlier one than its last (step 12).
  ["transformer-sl", {layers: 1, dModel: 16, heads: 2, dFfn: 32}, 0.03],
  ["transformer-ssl", {layers: 1, dModel: 16, heads: 2, dFfn: 32}, 1e-3]
] as const) {
  test(`${family}: the saved chosen checkpoint reloads to the run record's ID loss and probe results, and numpy reads its safetensors identically`, async (t) => {
    const config = resolveTrainConfig({family, size, records: 96, steps: 12, evalEvery: 3, batch: 16, learningRate, ood: ["sex"], seed: 0, corpus});
    let weights: CapturedWeights | undefined;
    const record = await train(config, {onTrained: async (model) => void (weights = await captureWeights(model, config))});
    const folder = join(dir, family);
    const sizes = await saveModelArtefact(folder, {config, record, weights: weights!});
    t.diagnostic(`${family}: chosen step ${record.best.step} of ${record.stepsDone}; files ${JSON.stringify(sizes)}`);
    if (family === "transformer-sl") assert.ok(record.best.step! < record.stepsDone, "the chosen checkpoint is not the last step here");

    // Reload: the family rebuilt from the artefact's config, the weights put in by name.
    const loaded = loadModelArtefact(folder);
    try {
      assert.equal(loaded.metadata.checkpoint.step, record.best.step);
      assert.deepEqual(loaded.config, config);
      const idTest = await loaded.family.evaluate(loaded.id.splits.test);
      // Exact equality: the same weights, kernels and data in the same process give the same float64 sums.
      assert.equal(idTest.loss, record.best.idLoss);
      assert.equal(idTest.lossSe, record.best.idLossSe);
      assert.equal(idTest.auroc, record.best.idAuroc);
      const [probe] = await probeAll(loaded.family, [loadCorpus("sex", corpus)]);
      const stored = record.best.ood.sex;
      assert.deepEqual({loss: probe.loss, lossSe: probe.lossSe, auroc: probe.auroc, constantLoss: probe.constantLoss}, stored);
    } finally {
      loaded.family.dispose();
    }

    // The identity needed to use the model.
    const {metadata} = readModelArtefact(folder);
    assert.equal(metadata.model.family, family);
    assert.equal(metadata.input.idCorpus.hash, loadCorpus("code-like", corpus).hash);
    assert.equal(metadata.tokenizer?.name, family.startsWith("transformer") ? "HeartLang" : undefined);
    assert.equal(metadata.codebook !== undefined, family === "transformer-ssl");

    // safetensors: the TS reader, then numpy.
    const file = join(folder, SAFETENSORS_FILE);
    const decoded = decodeSafetensors(readFileSync(file));
    assert.deepEqual(decoded.tensors.map((x) => x.name), weights!.tensors.map((x) => x.name));
    if (numpy.status !== 0) return t.skip(`python3 with numpy is not available (${numpy.error?.message ?? numpy.stderr.trim()}); install python3-numpy`);
    const run = spawnSync("python3", [join(HERE, "safetensors-numpy.py"), file], {encoding: "utf8", maxBuffer: 1 << 28});
    assert.equal(run.status, 0, run.stderr);
    const read = JSON.parse(run.stdout) as {metadata: Record<string, string>; tensors: Record<string, {dtype: string; shape: number[]; values: number[]}>};
    assert.equal(read.metadata.family, family);
    assert.deepEqual(JSON.parse(read.metadata.config!), config);
    assert.deepEqual(Object.keys(read.tensors).sort(), weights!.tensors.map((x) => x.name).sort());
    let maxDifference = 0;
    let values = 0;
    for (const w of weights!.tensors) {
      const r = read.tensors[w.name]!;
      assert.equal(r.dtype, "F32");
      assert.deepEqual(r.shape, w.shape, w.name);
      assert.equal(r.values.length, w.values.length);
      for (let i = 0; i < w.values.length; i++) maxDifference = Math.max(maxDifference, Math.abs(r.values[i]! - w.values[i]!));
      assert.deepEqual(Float32Array.from(r.values), w.values, w.name);
      values += w.values.length;
    }
    t.diagnostic(`${family}: numpy read ${Object.keys(read.tensors).length} tensors, ${values} values, max |difference| ${maxDifference}`);
    assert.equal(maxDifference, 0);
  });
}

test("safetensors: the header is 8-byte aligned, offsets are contiguous, and bad input is refused", () => {
  const tensors = [
    {name: "a", shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, 6])},
    {name: "b.c", shape: [1], values: Float32Array.from([-0.5])}
  ];
  const bytes = encodeSafetensors(tensors, {note: "x"});
  const length = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  assert.equal(length % 8, 0);
  assert.equal(bytes.length, 8 + length + 7 * 4);
  const decoded = decodeSafetensors(bytes);
  assert.deepEqual(decoded.metadata, {note: "x"});
  assert.deepEqual(decoded.tensors, tensors);
  assert.throws(() => encodeSafetensors([{name: "a", shape: [2], values: new Float32Array(3)}]), /shape \[2\] holds 2 values, got 3/);
  assert.throws(() => encodeSafetensors([tensors[0]!, tensors[0]!]), /reserved or repeated/);
});

test("unknown or foreign folders give clear errors, and an artefact never overwrites a folder of other files", async () => {
  assert.throws(() => readModelArtefact(join(dir, "nowhere")), /no model folder .*nowhere/);
  const empty = join(dir, "not-a-model");
  mkdirSync(empty, {recursive: true});
  writeFileSync(join(empty, "notes.txt"), "mine");
  assert.throws(() => readModelArtefact(empty), /is not a model artefact: it has no model\.json/);
  const config = resolveTrainConfig({family: "resnet-sl", size: {units: 1, width: 4}, records: 96, steps: 1, evalEvery: 1, ood: [], seed: 0, corpus});
  await assert.rejects(
    saveModelArtefact(empty, {config, record: {} as never, weights: {tensors: [], trainable: [], featureDims: 0, featureDescription: ""}}),
    /other files in it \(no model\.json\)/
  );
});
