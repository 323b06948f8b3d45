/**
 * The generator's building blocks: seeded randomness, the closed-form McSharry solution, the Dower
 * projection, clinical axes, and byte-identical reproducibility.
 */
import {test} from "node:test";
import assert from "node:assert/strict";
import {createHash} from "node:crypto";
import {deriveSeed, Rng} from "../../training/util/prng.js";
import {integrateMcSharry, mcsharryTimeEvents, MCSHARRY_EVENTS} from "../../training/synth/mcsharry.js";
import {EventList, renderEvents} from "../../training/synth/gaussian.js";
import {DOWER_8, dowerMatrix12, INVERSE_DOWER, leadsToDipole, projectDipole} from "../../training/synth/leads.js";
import {directionForFrontalAxis, frontalAxisOf} from "../../training/synth/vec.js";
import {defaultSynthConfig} from "../../training/synth/config.js";
import {generateRecord} from "../../training/synth/generate.js";
import {DEVICES} from "../../training/synth/device.js";

function digest(signals: Float32Array[]): string {
  const h = createHash("sha256");
  for (const s of signals) h.update(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
  return h.digest("hex");
}

test("xoshiro128**: deterministic per seed, uniform in [0, 1), table normals have unit variance", () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const xs = Array.from({length: 1000}, () => a.next());
  assert.deepEqual(xs, Array.from({length: 1000}, () => b.next()));
  assert.notDeepEqual(xs.slice(0, 10), Array.from({length: 10}, () => new Rng(43).next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.03);
  const n = new Float32Array(100000);
  new Rng(7).fillNormals(n);
  let m = 0;
  let v = 0;
  for (const x of n) m += x / n.length;
  for (const x of n) v += (x - m) ** 2 / n.length;
  assert.ok(Math.abs(m) < 0.02 && Math.abs(v - 1) < 0.02, `mean ${m} var ${v}`);
  assert.notEqual(deriveSeed(1, "record", 2, 3), deriveSeed(1, "record", 3, 2));
  assert.notEqual(deriveSeed(1, "record", 2 ** 33), deriveSeed(1, "record", 0));
});

test("McSharry 2003 in closed form equals the RK4 integration of the ODE (without the baseline term)", () => {
  const rr = 0.8;
  const fs = 500;
  const n = Math.round(rr * fs);
  const ode = integrateMcSharry(rr, fs, n);
  // The same beat as Gaussians in time, R peak at half a beat after the start (phase -pi at t = 0).
  const ev = new EventList();
  for (const e of mcsharryTimeEvents(rr)) ev.push(rr / 2 + e.t, e.sigma, e.amp, 0, 0);
  const z = new Float32Array(n);
  renderEvents(ev, fs, 0, z, new Float32Array(n), new Float32Array(n));
  let maxErr = 0;
  let peak = 0;
  for (let i = 0; i < n; i++) {
    maxErr = Math.max(maxErr, Math.abs(z[i]! - ode[i]!));
    peak = Math.max(peak, Math.abs(ode[i]!));
  }
  assert.ok(maxErr / peak < 2e-3, `relative error ${maxErr / peak}`);
  assert.equal(Object.keys(MCSHARRY_EVENTS).join(""), "PQRST");
});

test("Dower projection: Einthoven and Goldberger relations hold, and the inverse Dower matrix recovers the dipole", () => {
  const m = dowerMatrix12();
  const row = (i: number) => [m[i * 3]!, m[i * 3 + 1]!, m[i * 3 + 2]!];
  const [I, II, III, aVR, aVL, aVF] = [0, 1, 2, 3, 4, 5].map(row) as number[][];
  for (let k = 0; k < 3; k++) {
    assert.ok(Math.abs(III![k]! - (II![k]! - I![k]!)) < 1e-12);
    assert.ok(Math.abs(aVR![k]! + aVL![k]! + aVF![k]!) < 1e-12);
  }
  assert.deepEqual(DOWER_8[2], [-0.515, 0.157, -0.917]); // V1, Dower et al. 1980
  assert.equal(INVERSE_DOWER[0]![0], -0.172); // X from V1, Edenbrandt & Pahlm 1988
  // A random dipole through Dower and back through the inverse Dower: the published pair is a near-inverse.
  const rng = new Rng(5);
  const n = 200;
  const d = [0, 1, 2].map(() => Float32Array.from({length: n}, () => rng.normal()));
  const leads = Array.from({length: 12}, () => new Float32Array(n));
  projectDipole(m, d[0]!, d[1]!, d[2]!, leads);
  const back = leadsToDipole(leads);
  for (let k = 0; k < 3; k++) {
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      num += (back[k]![i]! - d[k]![i]!) ** 2;
      den += d[k]![i]! ** 2;
    }
    assert.ok(Math.sqrt(num / den) < 0.15, `axis ${k}: relative error ${Math.sqrt(num / den)}`);
  }
});

test("clinical frontal axis: a dipole built for an axis reads back as that axis on the 12 leads", () => {
  for (const axis of [-60, -30, 0, 30, 60, 90, 120]) {
    for (const tilt of [-20, 0, 25]) {
      const v = directionForFrontalAxis(axis, tilt);
      assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-9);
      assert.ok(Math.abs(frontalAxisOf(v) - axis) < 1e-6, `axis ${axis} tilt ${tilt} read ${frontalAxisOf(v)}`);
    }
  }
});

test("same seed and config give byte-identical records, in any generation order; other seeds differ", () => {
  const config = defaultSynthConfig({seed: 11});
  const first = [0, 1, 2, 3].map((i) => digest(generateRecord(config, i, 0).record.signals));
  const again = [3, 2, 1, 0].map((i) => digest(generateRecord(defaultSynthConfig({seed: 11}), i, 0).record.signals)).reverse();
  assert.deepEqual(again, first);
  const other = digest(generateRecord(defaultSynthConfig({seed: 12}), 0, 0).record.signals);
  assert.notEqual(other, first[0]);
  const a = generateRecord(config, 5, 1, {device: DEVICES["diagnostic-500"]});
  const b = generateRecord(config, 5, 1, {device: DEVICES["diagnostic-500"]});
  assert.equal(digest(a.record.signals), digest(b.record.signals));
  assert.deepEqual(a.truth, b.truth);
});

test("records are 12 x 1000 samples at 100 Hz in millivolts, with plausible amplitudes", () => {
  const config = defaultSynthConfig({seed: 2});
  for (let i = 0; i < 20; i++) {
    const {record} = generateRecord(config, i, 0);
    assert.equal(record.fs, 100);
    assert.equal(record.signals.length, 12);
    assert.deepEqual(record.leads, ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]);
    for (const s of record.signals) {
      assert.equal(s.length, 1000);
      let mx = 0;
      for (const v of s) {
        assert.ok(Number.isFinite(v));
        mx = Math.max(mx, Math.abs(v));
      }
      assert.ok(mx < 8, `record ${i}: |x| up to ${mx} mV`);
    }
  }
});
