// Focal loss on logits (training/models/ops/focal-loss.ts): a hand-computed case whose numbers come from the
// naive numpy formula (test/unit/focal-loss-numpy.py, run once and written out here; the last test reruns it on
// random cases when python3 with numpy is present), its gradient against finite differences, gamma = 0 against
// the BCE the trainer uses, and stability at extreme logits.
import {test, before} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import {focalLossWithLogits} from "../../training/models/ops/focal-loss.js";
import {binaryCrossEntropyWithLogits} from "../../training/models/ops/loss.js";
import {Rng} from "../../training/util/prng.js";

const HERE = dirname(fileURLToPath(import.meta.url));

before(async () => {
  await tf.setBackend("cpu");
});

const X = [2.0, -1.0, 0.5, -3.0, 0.0, 4.0];
const Z = [1, 0, 0, 1, 1, 0];

function lossAndGrad(x: number[], z: number[], gamma: number, alpha?: number, shape: [number, number] = [2, x.length / 2]): {loss: number; grad: number[]} {
  const xt = tf.tensor2d(x, shape);
  const zt = tf.tensor2d(z, shape);
  const loss = focalLossWithLogits(xt, zt, {gamma, alpha}).dataSync()[0]!;
  const grad = Array.from(tf.grad((v: tf.Tensor) => focalLossWithLogits(v, zt, {gamma, alpha}))(xt).dataSync());
  tf.dispose([xt, zt]);
  return {loss, grad};
}

/** The naive float64 definition (probabilities, then logs), for moderate logits. */
function naive(x: number[], z: number[], gamma: number, alpha?: number): number {
  let s = 0;
  x.forEach((v, i) => {
    const p = 1 / (1 + Math.exp(-v));
    const pt = z[i] === 1 ? p : 1 - p;
    const at = alpha === undefined ? 1 : z[i] === 1 ? alpha : 1 - alpha;
    s += at * (1 - pt) ** gamma * -Math.log(pt);
  });
  return s / x.length;
}

const maxAbs = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

test("focal loss equals the hand-computed case (numpy, float64) and so does its tf.grad gradient", () => {
  // From test/unit/focal-loss-numpy.py on X, Z (logits as a 2 x 3 batch): loss, then the gradient by central
  // finite differences of the naive formula. One element by hand: x = 0, z = 1, gamma = 2, alpha = 0.25 gives
  // p_t = 0.5 and 0.25 * 0.5^2 * ln 2 = 0.04332; the mean over the six elements is 0.65693.
  const cases = [
    {gamma: 2, alpha: 0.25, loss: 0.6569292286656735, grad: [-0.0002029558743, 0.006572641209, 0.06576897776, -0.04694791167, -0.01242861641, 0.1357994818]},
    {gamma: 0.5, alpha: undefined, loss: 1.4036975691851756, grad: [-0.01007587769, 0.03314238695, 0.1060279542, -0.1667112234, -0.07934760982, 0.1681585942]}
  ];
  for (const c of cases) {
    const got = lossAndGrad(X, Z, c.gamma, c.alpha);
    const lossErr = Math.abs(got.loss - c.loss) / c.loss;
    const gradErr = maxAbs(got.grad, c.grad);
    console.log(`# gamma ${c.gamma}, alpha ${c.alpha ?? "none"}: loss ${got.loss} vs ${c.loss} (relative error ${lossErr.toExponential(2)}), gradient max abs error ${gradErr.toExponential(2)}`);
    assert.ok(lossErr < 1e-6, `loss ${got.loss} vs ${c.loss}`);
    assert.ok(gradErr < 1e-6, `gradient ${got.grad} vs ${c.grad}`);
    // And the naive JS definition agrees with numpy's (the written-out numbers are what the formula says).
    assert.ok(Math.abs(naive(X, Z, c.gamma, c.alpha) - c.loss) < 1e-12);
  }
});

test("focal loss gradient matches central finite differences of the float64 definition on random cases", () => {
  const rng = new Rng(16);
  let worst = 0;
  for (const gamma of [0, 0.5, 1, 2, 3.5]) {
    for (const alpha of [undefined, 0.25, 0.9]) {
      const x = Array.from({length: 12}, () => rng.uniform(-6, 6));
      const z = Array.from({length: 12}, () => (rng.bernoulli(0.4) ? 1 : 0));
      const {loss, grad} = lossAndGrad(x, z, gamma, alpha, [3, 4]);
      const h = 1e-6;
      const fd = x.map((_, i) => {
        const up = [...x];
        const down = [...x];
        up[i]! += h;
        down[i]! -= h;
        return (naive(up, z, gamma, alpha) - naive(down, z, gamma, alpha)) / (2 * h);
      });
      assert.ok(Math.abs(loss - naive(x, z, gamma, alpha)) < 1e-6 * Math.max(1, loss), `gamma ${gamma} alpha ${alpha}: loss ${loss}`);
      const err = maxAbs(grad, fd);
      worst = Math.max(worst, err);
      assert.ok(err < 1e-6, `gamma ${gamma} alpha ${alpha}: gradient error ${err}`);
    }
  }
  console.log(`# worst gradient error against finite differences over 15 random cases: ${worst.toExponential(2)}`);
});

test("gamma = 0 without alpha is the trainer's BCE with logits (value and gradient), extreme logits included", () => {
  const x = [0.3, -2, 7, -7, 40, -40, 100, -100, 0];
  const z = [1, 0, 1, 1, 0, 1, 1, 0, 0];
  const xt = tf.tensor2d(x, [3, 3]);
  const zt = tf.tensor2d(z, [3, 3]);
  const fl = focalLossWithLogits(xt, zt, {gamma: 0}).dataSync()[0]!;
  const bce = binaryCrossEntropyWithLogits(xt, zt).dataSync()[0]!;
  const gFl = Array.from(tf.grad((v: tf.Tensor) => focalLossWithLogits(v, zt, {gamma: 0}))(xt).dataSync());
  const gBce = Array.from(tf.grad((v: tf.Tensor) => binaryCrossEntropyWithLogits(v, zt))(xt).dataSync());
  console.log(`# gamma 0: focal ${fl} vs BCE ${bce}; gradient max abs difference ${maxAbs(gFl, gBce).toExponential(2)}`);
  assert.ok(Math.abs(fl - bce) <= 1e-6 * bce, `${fl} vs ${bce}`);
  assert.ok(maxAbs(gFl, gBce) < 1e-7);
  // alpha = 0.5 halves it.
  const half = focalLossWithLogits(xt, zt, {gamma: 0, alpha: 0.5}).dataSync()[0]!;
  assert.ok(Math.abs(half - bce / 2) <= 1e-6 * bce);
});

test("focal loss is finite at extreme logits and down-weights easy examples", () => {
  const x = [100, -100, 60, -60];
  const z = [1, 1, 0, 0];
  const {loss, grad} = lossAndGrad(x, z, 2, 0.25, [1, 4]);
  assert.ok(Number.isFinite(loss) && grad.every(Number.isFinite), `${loss} ${grad}`);
  // Only the hard positive (x = -100, z = 1) and the hard negative (x = 60, z = 0) count: 0.25 * 100 + 0.75 * 60.
  assert.ok(Math.abs(loss - (0.25 * 100 + 0.75 * 60) / 4) < 1e-4, `${loss}`);
  // An easy example weighs less under focusing than under BCE; a hard one about the same.
  const easy = lossAndGrad([2], [1], 2, undefined, [1, 1]).loss / lossAndGrad([2], [1], 0, undefined, [1, 1]).loss;
  const hard = lossAndGrad([-4], [1], 2, undefined, [1, 1]).loss / lossAndGrad([-4], [1], 0, undefined, [1, 1]).loss;
  assert.ok(easy < 0.02 && hard > 0.96, `easy ${easy}, hard ${hard}`);
  assert.throws(() => focalLossWithLogits(tf.zeros([1, 1]), tf.zeros([1, 1]), {gamma: -1}), /gamma/);
  assert.throws(() => focalLossWithLogits(tf.zeros([1, 1]), tf.zeros([1, 1]), {gamma: 2, alpha: 1.5}), /alpha/);
});

test("focal loss matches the numpy reference on random cases (value and finite-difference gradient)", (t) => {
  const probe = spawnSync("python3", ["-c", "import numpy"], {encoding: "utf8"});
  if (probe.status !== 0) {
    t.skip(`python3 with numpy is not available (${probe.error?.message ?? probe.stderr.trim()}); install python3-numpy to run this reference test`);
    return;
  }
  const rng = new Rng(1616);
  const cases = [0, 1, 2, 5].flatMap((gamma) =>
    [null, 0.25].map((alpha) => ({x: Array.from({length: 10}, () => rng.uniform(-8, 8)), z: Array.from({length: 10}, () => (rng.bernoulli(0.3) ? 1 : 0)), gamma, alpha}))
  );
  const dir = mkdtempSync(join(tmpdir(), "focal-loss-"));
  try {
    writeFileSync(join(dir, "problem.json"), JSON.stringify({cases}));
    const run = spawnSync("python3", [join(HERE, "focal-loss-numpy.py"), join(dir, "problem.json"), join(dir, "answer.json")], {encoding: "utf8"});
    assert.equal(run.status, 0, run.stderr);
    const ref = JSON.parse(readFileSync(join(dir, "answer.json"), "utf8")) as {cases: {loss: number; grad: number[]}[]};
    let worstLoss = 0;
    let worstGrad = 0;
    cases.forEach((c, i) => {
      const got = lossAndGrad(c.x, c.z, c.gamma, c.alpha ?? undefined, [2, 5]);
      worstLoss = Math.max(worstLoss, Math.abs(got.loss - ref.cases[i]!.loss) / ref.cases[i]!.loss);
      worstGrad = Math.max(worstGrad, maxAbs(got.grad, ref.cases[i]!.grad));
    });
    console.log(`# numpy reference, ${cases.length} cases: worst relative loss error ${worstLoss.toExponential(2)}, worst gradient error ${worstGrad.toExponential(2)}`);
    assert.ok(worstLoss < 1e-6 && worstGrad < 1e-6);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
