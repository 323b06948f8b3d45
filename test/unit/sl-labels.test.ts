// Supervised families on a label subset with focal loss (training/families/sl-labels.ts; issue 16): the config
// fields are checked and leave older configs (and run keys) untouched; on the mimic-icd corpus the head predicts
// the subset's training classes, the targets are their columns, and the ID evaluation is BCE and macro AUROC on
// the scenario's fixed classes (checked against a float64 re-computation and a pairwise AUROC); ResNet-SL and
// Transformer-SL train end to end with it; focal loss with gamma 0 trains as BCE does, gamma 2 differently.
import {test, before} from "node:test";
import assert from "node:assert/strict";
import {initBackend} from "../../training/backend/index.js";
import {loadCorpus, type Corpus} from "../../training/corpus/index.js";
import {classCounts, labelSubset} from "../../training/corpus/label-subsets.js";
import {slLabels} from "../../training/families/sl-labels.js";
import {resolveTrainConfig, type TrainConfigInput} from "../../training/train/config.js";
import {train} from "../../training/train/train.js";
import {runKey} from "../../training/store/run-key.js";

const corpus = {name: "mimic-icd", seed: 0, scale: 0.02};
let id: Corpus;

before(async () => {
  await initBackend({threads: 1, warn: () => {}});
  id = loadCorpus("mimic-icd", {seed: 0, scale: 0.02});
});

const base: TrainConfigInput = {family: "resnet-sl", size: {units: 1, width: 4}, records: 64, steps: 4, evalEvery: 2, batch: 16, ood: [], seed: 0, corpus};

test("config: labels and loss are for supervised families, checked, and absent from older configs (run keys unchanged)", () => {
  const plain = resolveTrainConfig(base);
  assert.ok(!("labels" in plain) && !("loss" in plain));
  assert.equal(runKey(plain, "v"), runKey(resolveTrainConfig({...base, labels: undefined, loss: undefined}), "v"));
  assert.notEqual(runKey(plain, "v"), runKey(resolveTrainConfig({...base, labels: {scenario: "dominant", fraction: 0.3}}), "v"));
  const refused = (input: Partial<TrainConfigInput>, message: RegExp) => assert.throws(() => resolveTrainConfig({...base, ...input} as TrainConfigInput), message);
  refused({family: "resnet-ssl", size: {units: 1, width: 4}, labels: {scenario: "dominant", fraction: 0.3}}, /supervised families only/);
  refused({family: "transformer-ssl", size: {layers: 1, dModel: 16, heads: 2, dFfn: 64}, loss: {kind: "focal", gamma: 2}}, /supervised families only/);
  refused({labels: {scenario: "middle" as never, fraction: 0.3}}, /scenario/);
  refused({labels: {scenario: "tail", fraction: 0}}, /fraction must lie in \(0, 1\]/);
  refused({labels: {scenario: "tail", fraction: 1.5}}, /fraction/);
  refused({loss: {kind: "focal", gamma: -1}}, /gamma/);
  refused({loss: {kind: "focal", gamma: 2, alpha: 2}}, /alpha/);
  refused({loss: {kind: "dice" as never, gamma: 2}}, /loss\.kind/);
});

test("a label subset: the head's classes, the targets' columns and the ID evaluation on the fixed classes", () => {
  const classes = id.task.classes.length;
  const task = slLabels({seed: 5, labels: {scenario: "dominant", fraction: 0.3}}, id);
  const expected = labelSubset(classCounts(id.splits.train.labels, classes), "dominant", 0.3, 5);
  assert.deepEqual(task.headClasses, expected.training);
  assert.deepEqual(task.subset?.evaluation, expected.evaluation);
  assert.ok(task.headClasses.length < classes && expected.evaluation.length < task.headClasses.length);
  const head = task.headClasses;
  const split = id.splits.val;
  const indices = [3, 0, split.count - 1];
  const targets = task.targets(split, indices);
  indices.forEach((r, b) => head.forEach((c, j) => assert.equal(targets[b * head.length + j], split.labels[r * classes + c])));

  // Scores for every head class; the evaluation must read only the fixed classes' columns.
  const scores = Float32Array.from({length: split.count * head.length}, (_, i) => Math.sin(i * 12.9898) * 3);
  const result = task.evaluate(scores, split);
  const fixed = expected.evaluation;
  const at = (i: number, c: number) => scores[i * head.length + head.indexOf(c)]!;
  const y = (i: number, c: number) => split.labels[i * classes + c]!;
  let total = 0;
  for (let i = 0; i < split.count; i++) {
    let bce = 0;
    for (const c of fixed) {
      const p = 1 / (1 + Math.exp(-at(i, c)));
      bce -= y(i, c) ? Math.log(p) : Math.log(1 - p);
    }
    total += bce / fixed.length;
  }
  assert.ok(Math.abs(result.loss - total / split.count) < 1e-9 * Math.max(1, total / split.count), `loss ${result.loss} vs ${total / split.count}`);
  // Macro AUROC by pairs (ties count a half) over the fixed classes with both outcomes present.
  const aurocs = fixed.flatMap((c) => {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < split.count; i++) (y(i, c) ? pos : neg).push(at(i, c));
    if (!pos.length || !neg.length) return [];
    let wins = 0;
    for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
    return [wins / (pos.length * neg.length)];
  });
  assert.ok(aurocs.length > 0, "some fixed class has positives in the validation split");
  assert.ok(Math.abs(result.auroc! - aurocs.reduce((a, b) => a + b, 0) / aurocs.length) < 1e-12);
  // The tail scenario excludes rare classes from the head.
  const tail = slLabels({seed: 5, labels: {scenario: "tail", fraction: 1}}, id);
  assert.ok(tail.subset!.excluded.length > 0 && tail.subset!.excluded.every((c) => !tail.headClasses.includes(c)));
});

test("ResNet-SL and Transformer-SL train on a label subset with focal loss; gamma 0 trains as BCE, gamma 2 does not", async () => {
  const labels = {scenario: "dominant" as const, fraction: 0.3};
  const bce = await train(resolveTrainConfig({...base, labels}));
  const focal0 = await train(resolveTrainConfig({...base, labels, loss: {kind: "focal", gamma: 0}}));
  const focal2 = await train(resolveTrainConfig({...base, labels, loss: {kind: "focal", gamma: 2}}));
  const first = (r: typeof bce) => r.evaluations[0]!;
  for (const r of [bce, focal0, focal2]) {
    assert.ok(r.evaluations.every((e) => Number.isFinite(e.trainLoss) && Number.isFinite(e.idLoss)));
    assert.ok(first(r).idAuroc === undefined || (first(r).idAuroc! >= 0 && first(r).idAuroc! <= 1));
  }
  assert.ok(Math.abs(first(focal0).trainLoss - first(bce).trainLoss) < 1e-5 * first(bce).trainLoss, `gamma 0 ${first(focal0).trainLoss} vs BCE ${first(bce).trainLoss}`);
  assert.ok(first(focal2).trainLoss < 0.9 * first(bce).trainLoss, `gamma 2 down-weights easy examples: ${first(focal2).trainLoss} vs ${first(bce).trainLoss}`);
  const transformer = await train(resolveTrainConfig({...base, family: "transformer-sl", size: {layers: 1, dModel: 16, heads: 2, dFfn: 64}, labels: {scenario: "tail", fraction: 0.5}, loss: {kind: "focal", gamma: 2}}));
  assert.ok(transformer.evaluations.every((e) => Number.isFinite(e.idLoss)));
  console.log(`# ID loss on the fixed classes at the last evaluation: BCE ${bce.evaluations.at(-1)!.idLoss.toFixed(4)}, focal gamma 2 ${focal2.evaluations.at(-1)!.idLoss.toFixed(4)}; transformer (tail) ${transformer.evaluations.at(-1)!.idLoss.toFixed(4)}`);
});
