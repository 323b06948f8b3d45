import {test} from "node:test";
import assert from "node:assert/strict";
import {mkdtempSync, writeFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {buildEcgBundle} from "../../data-loaders/ecg/build-bundle.js";
import {decodeEcgBundle} from "../../src/lib/ecg-bundle.js";
import {ecgDataDir, hasEcgData} from "../../training/io/data-dir.js";

const decode = (bytes: Uint8Array) => decodeEcgBundle(bytes.slice().buffer as ArrayBuffer);

test("a missing ECG folder gives an empty bundle that says how to point the tool at records", async () => {
  const bundle = decode(await buildEcgBundle("/nonexistent/ecg"));
  assert.equal(bundle.entries.length, 0);
  assert.match(bundle.message ?? "", /ECG_DATA_DIR/);
});

test("a folder with one good and one broken record lists the broken one with the reader's reason", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ecg-bundle-"));
  try {
    // 2 leads x 1000 samples of format 16 at 100 Hz; the second header names a missing file.
    const samples = new Int16Array(2000).map((_, i) => Math.round(200 * Math.sin(i / 7)));
    writeFileSync(join(dir, "good.dat"), new Uint8Array(samples.buffer));
    // Format 16 interleaves the two signals; WFDB checksums are sums modulo 65536.
    const sum = (lead: number) => samples.filter((_, i) => i % 2 === lead).reduce((a, b) => a + b, 0) & 0xffff;
    const init = (lead: number) => samples[lead];
    writeFileSync(
      join(dir, "good.hea"),
      `good 2 100 1000\ngood.dat 16 200/mV 16 0 ${init(0)} ${sum(0)} 0 I\ngood.dat 16 200/mV 16 0 ${init(1)} ${sum(1)} 0 II\n`
    );
    writeFileSync(join(dir, "bad.hea"), "bad 1 100 1000\nmissing.dat 16 200/mV 16 0 0 0 0 I\n");
    const bundle = decode(await buildEcgBundle(dir));
    const good = bundle.entries.find((e) => e.id === "good")!;
    const bad = bundle.entries.find((e) => e.id === "bad")!;
    assert.equal(good.error, undefined);
    assert.deepEqual(good.preprocessed?.leads.length, 12, "preprocessed to the 12 standard leads (III, aVR, aVL, aVF derived)");
    const [lead1] = bundle.signals(good.raw!);
    assert.ok(Math.abs(lead1[10] - samples[20] / 200) < 0.001, "raw lead I in mV (gain 200/mV)");
    assert.match(bad.error ?? "", /missing\.dat/);
    // Published as built: the folder by its name, the reader's message without the builder's absolute path.
    assert.equal(bundle.dataDir, dir.split("/").pop());
    assert.ok(!Buffer.from(await buildEcgBundle(dir)).toString("latin1").includes(dir), "the bundle holds the builder's absolute folder path");
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test("the real ECG folder bundles every manifest record", {skip: !hasEcgData() && "no ../shared/ecg (set ECG_DATA_DIR)"}, async () => {
  const bundle = decode(await buildEcgBundle(ecgDataDir()));
  const challenge = bundle.entries.filter((e) => e.path.startsWith("challenge/"));
  assert.equal(challenge.length, 120);
  assert.deepEqual(challenge.filter((e) => e.error), []);
  assert.ok(challenge.every((e) => e.checksums.every((c) => c.ok) && e.preprocessed?.length === 1000));
});
