// The law-forms table row of a constructed study (src/lib/study/law-forms.ts) and its sentence on
// the Scaling page (src/components/law-forms.ts): runs at chance are dropped by the ID constant,
// and the form the losses were generated from is named, with its numbers.
import {test} from "node:test";
import assert from "node:assert/strict";
import {createRng, predictKaplanLaw} from "../../src/lib/scaling/index.js";
import {constantBce, formVerdict, lawFormsRow} from "../../src/lib/study/law-forms.js";
import {familyFormSentence, lawFormsTable} from "../../src/components/law-forms.js";
import type {RunRow} from "../../src/lib/study/run-row.js";

const KAPLAN = {E: 0.1, Nc: 2e4, alphaN: 0.5, Dc: 2e3, alphaD: 0.6};

function study(): RunRow[] {
  const rng = createRng(4);
  const rows: RunRow[] = [];
  for (const N of [1e3, 5e3, 1.2e4, 3e4, 8e4, 2e5]) {
    for (const D of [500, 1300, 3500, 1e4, 3e4]) {
      // The smallest model sits at the constant predictor's loss (4, above every loss of the law), whatever D.
      const L = N === 1e3 ? 4 * Math.exp(0.002 * rng.normal()) : predictKaplanLaw(KAPLAN, N, D) * Math.exp(0.02 * rng.normal());
      rows.push({key: `n${N}-d${D}`, family: "resnet-sl", params: N, records: D, seed: 0, best_id_loss: L, id_loss_se: 0.005} as unknown as RunRow);
    }
  }
  return rows;
}

test("constantBce is the BCE of the training prevalences on the test labels", () => {
  assert.ok(Math.abs(constantBce([0.5], [0.5]) - Math.log(2)) < 1e-12);
  const p = 0.1;
  const q = 0.2;
  assert.ok(Math.abs(constantBce([p, q], [p, q]) - (-(p * Math.log(p) + (1 - p) * Math.log(1 - p)) - (q * Math.log(q) + (1 - q) * Math.log(1 - q))) / 2) < 1e-12);
});

test("the law-forms row drops the runs at chance and the sentence names the form the losses came from", () => {
  const rows = study();
  const row = lawFormsRow(rows, "resnet-sl", "id", {idConstant: () => 4, extrapolation: false});
  assert.equal(row.runs, 30);
  assert.equal(row.with_constant, 30);
  assert.equal(row.at_chance, 5);
  assert.equal(row.kaplan_above_n, 25);
  assert.equal(row.joint_n, 30);
  const above = formVerdict(row, true)!;
  assert.equal(above.better, "kaplan");
  assert.ok(above.loo < 0.9 * above.otherLoo, `${above.loo} vs ${above.otherLoo}`);
  const sentence = familyFormSentence([row], "resnet-sl");
  assert.match(sentence, /^ResNet-SL: /);
  assert.match(sentence, /restricted to the 25 ID runs above chance \(5 dropped\), the Kaplan form has the lower error/);
  const cells = lawFormsTable([row])[0]!;
  assert.match(String(cells["Kaplan, above chance"]), /^LOO \d/);
  // Without a constant nothing is dropped, and the table says so.
  const none = lawFormsRow(rows, "resnet-sl", "id", {extrapolation: false});
  assert.equal(none.at_chance, 0);
  assert.equal(lawFormsTable([none])[0]!["at chance"], "no constant");
});
