// The Data page's sentences with zero records and with a local folder path
// (src/components/data-text.ts): no "undefined", no "every file decoded" when none was read,
// no absolute path of the machine that built the report.
import {test} from "node:test";
import assert from "node:assert/strict";
import {noneRefusedText, publicFolder, recordCaption, withoutLocalPath} from "../../src/components/data-text.js";
import type {BundleEntry} from "../../src/lib/ecg-bundle.js";

test("zero records: the captions say there is nothing, without undefined", () => {
  for (const twelve of [true, false]) assert.match(recordCaption(undefined, twelve, 10), /^No record to show/);
  assert.match(noneRefusedText(0), /no file was read/);
  assert.doesNotMatch(noneRefusedText(0), /every file decoded/);
  assert.match(noneRefusedText(12), /all 12 files decoded/);
});

test("a record without rate or leads reads as unknown, never undefined", () => {
  const entry = {id: "x", path: "x.hea"} as unknown as BundleEntry;
  const text = recordCaption(entry, false, 10);
  assert.doesNotMatch(text, /undefined|NaN/);
  assert.match(recordCaption({...entry, fs: 500, leads: ["I", "II"]} as BundleEntry, false, 10), /each of its 2 signals as read \(first 10 s at 500 Hz\)/);
});

test("the builder's absolute path is reduced to the folder's name", () => {
  assert.equal(publicFolder("/work/shared/ecg"), "ecg");
  assert.equal(publicFolder("/home/someone/data/ecg/"), "ecg");
  assert.equal(publicFolder(""), "(no folder)");
  assert.equal(withoutLocalPath("No .hea files under /work/shared/ecg (or /work/shared/ecg/x)", "/work/shared/ecg"), "No .hea files under ecg (or ecg/x)");
});
