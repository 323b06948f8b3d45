// Log-axis ticks thinned to their axis (src/components/axis-ticks.ts): labels never collide at
// the axis's length, powers of ten are kept first, and a wide axis keeps every tick.
import {test} from "node:test";
import assert from "node:assert/strict";
import {labelWidth, thinLogTicks} from "../../src/components/axis-ticks.js";
import {fmtCount, logTicks} from "../../src/components/study-style.js";

const collides = (ticks: number[], domain: [number, number], pixels: number) => {
  const scale = pixels / Math.log(domain[1] / domain[0]);
  return ticks.some((t, i) => i > 0 && Math.log(t / ticks[i - 1]!) * scale < (labelWidth(fmtCount(t)) + labelWidth(fmtCount(ticks[i - 1]!))) / 2);
};

test("a narrow axis over two decades keeps labels apart (no more '50k100k200k')", () => {
  const domain: [number, number] = [10_000, 900_000];
  const all = logTicks([...domain]);
  assert.ok(all.includes(50_000) && all.includes(100_000) && all.includes(200_000));
  assert.ok(collides(all, domain, 160), "the unthinned ticks collide at 160 px (the fixture must show the defect)");
  const thin = thinLogTicks(all, domain, 160, fmtCount);
  assert.ok(!collides(thin, domain, 160), `thinned ticks still collide: ${thin}`);
  assert.ok(thin.includes(100_000), "powers of ten are kept first");
  assert.ok(thin.length >= 2);
});

test("a wide axis keeps every tick; a tiny one keeps at least one", () => {
  const domain: [number, number] = [10_000, 900_000];
  const all = logTicks([...domain]);
  assert.deepEqual(thinLogTicks(all, domain, 4000, fmtCount), all);
  assert.equal(thinLogTicks(all, domain, 10, fmtCount).length, 1);
});
