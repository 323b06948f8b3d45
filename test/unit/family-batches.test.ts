import {test} from "node:test";
import assert from "node:assert/strict";
import {signalBatch, cmscBatch, labelBatch, tokenBatch, LEADS, SAMPLES, type SplitView} from "../../training/families/batches.js";

/** Two records whose sample value encodes (record, lead, time) so layouts can be checked exactly. */
function fakeSplit(): SplitView {
  const count = 2;
  const signals = new Int16Array(count * LEADS * SAMPLES);
  for (let r = 0; r < count; r++) for (let l = 0; l < LEADS; l++) for (let t = 0; t < SAMPLES; t++) signals[(r * LEADS + l) * SAMPLES + t] = r * 10000 + l * 100 + (t % 100);
  return {
    count,
    signals,
    scale: 0.5,
    labels: Uint8Array.from([1, 0, 0, 1, 1, 0]),
    patientIds: Int32Array.from([7, 9]),
    rPeakOffsets: Int32Array.from([0, 3, 3]),
    rPeaks: Int16Array.from([200, 500, 800])
  };
}

test("signal batches are [batch, length, leads] in mV", () => {
  const x = signalBatch(fakeSplit(), [1, 0]);
  const at = (b: number, t: number, l: number) => x[(b * SAMPLES + t) * LEADS + l];
  assert.equal(at(0, 5, 3), (10000 + 300 + 5) * 0.5);
  assert.equal(at(1, 42, 11), (1100 + 42) * 0.5);
});

test("CMSC batches stack first halves then second halves with each row's patient", () => {
  const {x, rows, patients} = cmscBatch(fakeSplit(), [0, 1]);
  assert.equal(rows, 4);
  assert.deepEqual([...patients], [7, 9, 7, 9]);
  const at = (row: number, t: number, l: number) => x[(row * 500 + t) * LEADS + l];
  assert.equal(at(0, 0, 0), 0);
  assert.equal(at(2, 0, 0), (500 % 100) * 0.5, "row 2 = record 0's second half, starting at sample 500");
  assert.equal(at(3, 1, 2), (10000 + 200 + 1) * 0.5);
});

test("labels are gathered per record", () => {
  assert.deepEqual([...labelBatch(fakeSplit(), [1], 3)], [1, 1, 0]);
});

test("token batches follow the stored R peaks: lead-major words with lead and time indices", () => {
  const {words, leads, times} = tokenBatch(fakeSplit(), [0, 1]);
  // Record 0: 3 beats x 12 leads = 36 tokens, then padding. Record 1 has no peaks: all padding.
  assert.deepEqual([...leads.subarray(0, 4)], [1, 1, 1, 2]);
  assert.deepEqual([...times.subarray(0, 3)], [3, 6, 9]);
  assert.equal(leads[36], 0);
  assert.equal(leads.subarray(256).every((v) => v === 0), true);
  // The R peak sits at index 48 of each word: beat 1 of lead I is sample 500 -> value (500 % 100) * 0.5.
  assert.equal(words[1 * 96 + 48], 0);
  assert.equal(words[0 * 96 + 48], 0);
  assert.equal(words[3 * 96 + 48], (100 + 0) * 0.5, "lead II, first beat at sample 200");
});
