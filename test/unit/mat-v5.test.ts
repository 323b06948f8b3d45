// The MATLAB v5 reader (training/io/matlab/mat-v5.ts) against scipy.io.savemat, an independent writer (Debian's
// python3-scipy): compressed and uncompressed files with a CPSC-2018-like struct (sex, age, 12 x 5000 data), int16,
// single, uint8, logical, int64, complex, char row and char matrix, a struct array, a cell array and an empty
// matrix; every value equal to what numpy wrote. Also: v7.3 and non-MAT files refused with clear messages, a cut-off
// file refused naming the file, and a WFDB read of a v5 .mat without a header says what the file is.
import {test} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {isMatV5, readMatV5, type MatValue} from "../../training/io/matlab/mat-v5.js";
import {readWfdbRecord} from "../../training/io/wfdb/read-record.js";
import {EcgReadError} from "../../training/io/errors.js";
import {ecgDataDir} from "../../training/io/data-dir.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const scipy = spawnSync("python3", ["-c", "import scipy.io, numpy"], {encoding: "utf8"});

const numeric = (v: MatValue | undefined) => {
  assert.equal(v?.kind, "numeric");
  return v as Extract<MatValue, {kind: "numeric"}>;
};

test("MATLAB v5 files written by scipy read back value for value, compressed or not", {skip: scipy.status !== 0 && "python3 with scipy is not available (apt-get install python3-scipy)"}, () => {
  const dir = mkdtempSync(join(tmpdir(), "mat-v5-"));
  const run = spawnSync("python3", [join(HERE, "mat-v5-scipy.py"), dir], {encoding: "utf8"});
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"));
  for (const name of ["vars-plain.mat", "vars-z.mat"]) {
    const bytes = readFileSync(join(dir, name));
    assert.ok(isMatV5(bytes));
    const {header, variables} = readMatV5(bytes, name);
    assert.match(header, /^MATLAB 5\.0 MAT-file/);
    // The CPSC 2018 layout: ECG.sex, ECG.age, ECG.data (12 x samples, column-major).
    const ecg = variables.ECG;
    assert.equal(ecg?.kind, "struct");
    const fields = (ecg as Extract<MatValue, {kind: "struct"}>).elements[0]!;
    const data = numeric(fields.data);
    assert.deepEqual(data.dims, expected["ECG.data"].dims);
    assert.equal(data.class, "double");
    assert.deepEqual(Array.from(data.real.subarray(0, 5)), expected["ECG.data"].first);
    assert.deepEqual(Array.from(data.real.subarray(-3)), expected["ECG.data"].last);
    assert.ok(Math.abs(data.real.reduce((a, b) => a + b, 0) - expected["ECG.data"].sum) < 1e-6);
    assert.ok(Math.abs(expected.scipy_ecg_sum - expected["ECG.data"].sum) < 1e-6, "scipy reads the same file to the same sum");
    assert.deepEqual(Array.from(numeric(fields.age).real), [expected["ECG.age"]]);
    assert.deepEqual(fields.sex, {kind: "char", dims: [1, 4], rows: [expected["ECG.sex"]]});
    const val = numeric(variables.val);
    assert.equal(val.class, "int16");
    assert.deepEqual(val.dims, expected.val.dims);
    assert.deepEqual(Array.from(val.real), expected.val.values);
    assert.deepEqual(Array.from(numeric(variables.single).real), expected.single.values);
    assert.equal(numeric(variables.single).class, "single");
    assert.deepEqual(Array.from(numeric(variables.bytes).real), expected.bytes);
    const flags = numeric(variables.flags);
    assert.ok(flags.logical);
    assert.deepEqual(Array.from(flags.real), expected.flags);
    assert.deepEqual(Array.from(numeric(variables.wide).real), expected.wide);
    const z = numeric(variables.z);
    assert.deepEqual({real: Array.from(z.real), imag: Array.from(z.imag!)}, expected.z);
    assert.deepEqual(variables.name, {kind: "char", dims: [1, 13], rows: [expected.name]});
    assert.deepEqual((variables.lines as Extract<MatValue, {kind: "char"}>).rows, expected.lines);
    const people = variables.people as Extract<MatValue, {kind: "struct"}>;
    assert.deepEqual(people.fields, ["id", "dx"]);
    assert.deepEqual(people.elements.map((p) => [numeric(p.id).real[0], (p.dx as Extract<MatValue, {kind: "char"}>).rows[0]]), [[1, "AF"], [2, "SB"]]);
    const mixed = variables.mixed as Extract<MatValue, {kind: "cell"}>;
    assert.equal(mixed.kind, "cell");
    assert.deepEqual(Array.from(numeric(mixed.elements[0]).real), [1, 2]);
    assert.deepEqual((mixed.elements[1] as Extract<MatValue, {kind: "char"}>).rows, ["text"]);
    assert.deepEqual(numeric(variables.empty).dims, [0, 0]);
  }
  // A file cut in the middle of its data: refused, naming the file.
  const whole = readFileSync(join(dir, "vars-plain.mat"));
  assert.throws(() => readMatV5(whole.subarray(0, 4000), "cut.mat"), (e: unknown) => e instanceof EcgReadError && e.file === "cut.mat" && /past the end|cut off/.test(e.problem));
});

test("a big-endian file (endian mark MI) reads the same numbers", () => {
  // Built by hand per the format: header, then one miMATRIX "x", double 1 x 2 [1.5, -2], all big-endian.
  const be = (words: number[]) => {
    const b = Buffer.alloc(4 * words.length);
    words.forEach((w, i) => b.writeUInt32BE(w >>> 0, 4 * i));
    return b;
  };
  const dbl = Buffer.alloc(16);
  dbl.writeDoubleBE(1.5, 0);
  dbl.writeDoubleBE(-2, 8);
  const body = Buffer.concat([
    be([6, 8, 6, 0]), // array flags: miUINT32, 8 bytes, class double
    be([5, 8, 1, 2]), // dimensions: miINT32, 8 bytes, 1 x 2
    Buffer.from([0x00, 0x01, 0x00, 0x01, 0x78, 0, 0, 0]), // name "x" as a small element (type 1, 1 byte)
    be([9, 16]),
    dbl
  ]);
  const header = Buffer.alloc(128, 0x20);
  header.write("MATLAB 5.0 MAT-file, big-endian test", 0, "latin1");
  header.writeUInt16BE(0x0100, 124);
  header.write("MI", 126, "latin1");
  const file = Buffer.concat([header, be([14, body.length]), body]);
  const x = readMatV5(file, "be.mat").variables.x;
  assert.deepEqual(x && x.kind === "numeric" ? {dims: x.dims, values: Array.from(x.real)} : x, {dims: [1, 2], values: [1.5, -2]});
});

test("non-v5 files are refused with what they are", () => {
  const v73 = new Uint8Array(512);
  v73.set(Buffer.from("MATLAB 7.3 MAT-file, Platform: GLNXA64"), 0);
  assert.throws(() => readMatV5(v73, "new.mat"), /new\.mat: is a MATLAB v7\.3 MAT-file \(HDF5 inside\)/);
  assert.throws(() => readMatV5(new Uint8Array(300), "zeros.mat"), /zeros\.mat: is not a MATLAB v5 MAT-file/);
  // A v4 matrix (what PhysioNet's Challenge records use) is not a v5 file.
  const v4 = join(ecgDataDir(), "challenge", "CPSC_CPSC-Extra", "Q0007.mat");
  if (existsSync(v4)) assert.equal(isMatV5(readFileSync(v4)), false);
});

test("reading a v5 .mat as a WFDB record says it is a MATLAB v5 file without a header, not that a header is missing", () => {
  const dir = mkdtempSync(join(tmpdir(), "mat-v5-wfdb-"));
  const file = join(dir, "A0001.mat");
  const bytes = new Uint8Array(256);
  bytes.set(Buffer.from("MATLAB 5.0 MAT-file, written by a test"), 0);
  bytes[124] = 0;
  bytes[125] = 1;
  bytes.set(Buffer.from("IM"), 126);
  writeFileSync(file, bytes);
  for (const path of [file, join(dir, "A0001")]) {
    assert.throws(() => readWfdbRecord(path), (e: unknown) => e instanceof EcgReadError && e.code === "unsupported-format" && /A0001\.mat: is a MATLAB v5 MAT-file without a WFDB header \(A0001\.hea\)/.test(e.message));
  }
});
