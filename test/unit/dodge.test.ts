// Runs of one model size at several data sizes get distinct x positions (src/components/dodge.ts),
// a few pixels apart, so that each can be hovered; a run alone at its x stays where it is.
import {test} from "node:test";
import assert from "node:assert/strict";
import {dodgeLog} from "../../src/components/dodge.js";

test("four data sizes at the smallest N are spread apart; a lone run does not move", () => {
  const pts = [250, 1000, 4000, 16000].map((D) => ({N: 5000, D})).concat([{N: 200000, D: 1000}]);
  const pixels = 300;
  const domain = [5000, 200000];
  const at = dodgeLog(pts, "N", "D", domain, pixels, 4);
  const px = (x: number) => (Math.log(x / 5000) / Math.log(200000 / 5000)) * pixels;
  const xs = pts.slice(0, 4).map((p) => px(at.get(p)!));
  for (let i = 1; i < xs.length; i++) assert.ok(Math.abs(xs[i]! - xs[i - 1]! - 4) < 1e-9, `step ${i}: ${xs[i]! - xs[i - 1]!} px`);
  assert.ok(Math.abs((xs[0]! + xs[3]!) / 2) < 1e-9, "centred on the true N");
  assert.equal(at.has(pts[4]!), false, "a lone run keeps its x");
});
