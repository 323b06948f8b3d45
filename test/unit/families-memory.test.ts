import {test} from "node:test";
import assert from "node:assert/strict";
import {checkTrainingMemory, trainingMemoryBytes, WASM_HEAP_BYTES} from "../../training/families/memory.js";
import {planStudy, STUDIES} from "../../training/studies/index.js";
import {resolveTrainConfig} from "../../training/train/config.js";

const config = (size: {units: number; width: number}, batch = 64) =>
  resolveTrainConfig({family: "resnet-sl", size, batch, records: 100, steps: 10, evalEvery: 5, ood: [], seed: 0, corpus: {name: "code-like", seed: 0, scale: 1}});

test("the memory estimate grows with width, depth and batch", () => {
  assert.ok(trainingMemoryBytes(config({units: 3, width: 32})) > trainingMemoryBytes(config({units: 3, width: 16})));
  assert.ok(trainingMemoryBytes(config({units: 4, width: 16})) > trainingMemoryBytes(config({units: 3, width: 16})));
  assert.ok(trainingMemoryBytes(config({units: 3, width: 16}, 128)) > trainingMemoryBytes(config({units: 3, width: 16}, 64)));
});

test("every run of the repository's trainable studies fits the wasm heap; the paper's largest models would not", () => {
  for (const name of ["smoke", "quick", "standard", ...("second" in STUDIES ? ["second"] : [])]) {
    for (const run of planStudy(STUDIES[name]!, "v")) assert.doesNotThrow(() => checkTrainingMemory(run.config, "wasm", WASM_HEAP_BYTES), `${name} ${run.key}`);
  }
  const paperLargest = planStudy(STUDIES.paper!, "v").map((r) => trainingMemoryBytes(r.config));
  assert.ok(Math.max(...paperLargest) > WASM_HEAP_BYTES);
  assert.throws(() => checkTrainingMemory(config({units: 300, width: 4096}), "wasm"), /needs about \d+ GB/);
});
