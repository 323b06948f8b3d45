// Label subsets of the label-scaling study (training/corpus/label-subsets.ts): nested, seeded, the fixed
// evaluation set always inside, the tail scenario's exclusion rule.
import {test} from "node:test";
import assert from "node:assert/strict";
import {classCounts, LABEL_FRACTIONS, labelSubset, type LabelScenario} from "../../training/corpus/label-subsets.js";
import {Rng} from "../../training/util/prng.js";

/** A long tail of 300 classes in shuffled index order: counts from 20,000 down to 1, with ties. */
function longTail(seed = 3): number[] {
  const counts = Array.from({length: 300}, (_, r) => Math.max(1, Math.round(20000 / (r + 1) ** 1.6)));
  const rng = new Rng(seed);
  for (let i = counts.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [counts[i], counts[j]] = [counts[j]!, counts[i]!];
  }
  return counts;
}

const isSubset = (a: number[], b: number[]) => a.every((c) => b.includes(c));

test("subsets are nested: 30 % inside 50 % inside 100 %, the fixed set inside all, sizes as the fractions say", () => {
  const counts = longTail();
  for (const scenario of ["dominant", "tail"] as LabelScenario[]) {
    for (const seed of [0, 1, 7]) {
      const [s30, s50, s100] = LABEL_FRACTIONS.map((f) => labelSubset(counts, scenario, f, seed));
      assert.ok(isSubset(s30!.training, s50!.training) && isSubset(s50!.training, s100!.training), `${scenario} seed ${seed} nested`);
      for (const s of [s30!, s50!, s100!]) {
        assert.deepEqual(s.evaluation, s30!.evaluation, "the evaluation set does not depend on the fraction");
        assert.ok(isSubset(s.evaluation, s.training), "evaluation classes are trained on");
        assert.equal(s.training.length, Math.round(s.fraction * s.eligible));
        assert.equal(new Set(s.training).size, s.training.length);
        assert.ok(s.training.every((c) => !s.excluded.includes(c)));
      }
      assert.equal(s100!.training.length, s100!.eligible, "100 % is every eligible class");
    }
  }
});

test("the fixed sets: dominant = the 10 % most frequent classes, tail = the 2 % least frequent of those with >= 10 samples", () => {
  const counts = longTail();
  const d = labelSubset(counts, "dominant", 0.3, 0);
  assert.equal(d.evaluation.length, 30);
  assert.deepEqual(d.excluded, []);
  const minFixed = Math.min(...d.evaluation.map((c) => counts[c]!));
  const others = counts.filter((_, c) => !d.evaluation.includes(c));
  assert.ok(others.every((n) => n <= minFixed), "no class outside the dominant set is more frequent");

  const t = labelSubset(counts, "tail", 0.3, 0);
  const rare = counts.map((n, c) => [n, c] as const).filter(([n]) => n < 10).map(([, c]) => c);
  assert.ok(rare.length > 50, `the fixture has a real tail (${rare.length} classes under 10)`);
  assert.deepEqual(t.excluded, rare.sort((a, b) => a - b), "exactly the classes with fewer than 10 samples are excluded");
  assert.equal(t.eligible, 300 - rare.length);
  assert.equal(t.evaluation.length, Math.ceil(0.02 * t.eligible));
  assert.ok(t.evaluation.every((c) => counts[c]! >= 10));
  const maxFixed = Math.max(...t.evaluation.map((c) => counts[c]!));
  assert.ok(counts.every((n, c) => n < 10 || t.evaluation.includes(c) || n >= maxFixed), "no eligible class outside the tail set is rarer");
  // A class with exactly 10 samples is kept, 9 excluded.
  const edge = labelSubset([10, 9, 500, 400, 300], "tail", 1, 0);
  assert.deepEqual(edge.excluded, [1]);
  assert.deepEqual(edge.evaluation, [0]);
  assert.deepEqual(edge.training, [0, 2, 3, 4]);
});

test("subsets are seeded: the same inputs give the same sets, other seeds other expansions (never other fixed sets)", () => {
  const counts = longTail();
  for (const scenario of ["dominant", "tail"] as LabelScenario[]) {
    const a = labelSubset(counts, scenario, 0.5, 11);
    assert.deepEqual(labelSubset([...counts], scenario, 0.5, 11), a);
    const b = labelSubset(counts, scenario, 0.5, 12);
    assert.deepEqual(b.evaluation, a.evaluation);
    assert.notDeepEqual(b.training, a.training);
  }
  // The expansion is random, not by frequency: at 30 % the dominant scenario's added classes span the ranks.
  const d = labelSubset(counts, "dominant", 0.3, 5);
  const rank = new Map([...counts.keys()].sort((x, y) => counts[y]! - counts[x]! || x - y).map((c, r) => [c, r]));
  const added = d.training.filter((c) => !d.evaluation.includes(c)).map((c) => rank.get(c)!);
  assert.ok(Math.min(...added) < 80 && Math.max(...added) > 220, `added ranks ${Math.min(...added)}..${Math.max(...added)}`);
});

test("bad inputs are refused; classCounts counts positives per column", () => {
  assert.throws(() => labelSubset([5, 5], "dominant", 0, 0), /fraction/);
  assert.throws(() => labelSubset([5, 5], "dominant", 1.5, 0), /fraction/);
  assert.throws(() => labelSubset([5, 5], "middle" as LabelScenario, 0.5, 0), /scenario/);
  assert.throws(() => labelSubset([5, 5], "tail", 0.5, 0), /no class/);
  assert.throws(() => labelSubset([5, -1], "dominant", 0.5, 0), /count/);
  assert.deepEqual(classCounts(Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 1, 0]), 3), [3, 1, 1]);
  assert.throws(() => classCounts(new Uint8Array(4), 3), /rows/);
});
