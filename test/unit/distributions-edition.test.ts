// The Data page's synthetic-vs-real distributions (data-loaders/synthetic/distributions.ts) describe the generator
// edition of the configured study's corpus: edition 1 by default (the records of before editions existed), edition 2
// when asked, and the output names it.
import {test} from "node:test";
import assert from "node:assert/strict";
import {buildDistributions} from "../../data-loaders/synthetic/distributions.js";

const NO_REAL = "/nonexistent/ecg-folder";

test("the synthetic rows follow the requested generator edition and the output names it", async () => {
  const small = {idRecords: 2, oodRecords: 1};
  const byDefault = await buildDistributions(NO_REAL, small);
  const two = await buildDistributions(NO_REAL, {...small, edition: 2});
  assert.equal(byDefault.edition, 1);
  assert.equal(two.edition, 2);
  assert.equal(two.rows.length, byDefault.rows.length);
  assert.ok(two.rows.every((r) => r.source.startsWith("synthetic")));
  assert.notDeepEqual(two.rows, byDefault.rows, "edition 2 renders other records");
});
