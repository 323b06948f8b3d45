/**
 * WFDB header (`.hea`) parser, after the WFDB header(5) man page and the reference C library's
 * readheader(): a record line, then one line per signal (or per segment for multi-segment records),
 * with `#` comment lines anywhere. Fields are positional and trailing ones may be omitted; absent
 * fields take the library's defaults. Any field that is present but unreadable is a "bad-header" error
 * naming the field and the line, because guessing would silently produce wrong numbers.
 */
import {closeSync, existsSync, openSync, readSync} from "node:fs";
import {basename} from "node:path";
import {isMatV5, isMatV73} from "../matlab/mat-v5.js";
import {EcgReadError} from "../errors.js";
import {parseCommentInfo, type WfdbCommentInfo} from "./comments.js";
import {parseDecimal, parseInteger} from "./numbers.js";
import {readFileOrThrow} from "./files.js";

/** WFDB_DEFFREQ: the frame rate assumed when the record line has none. */
export const DEFAULT_FRAME_RATE = 250;
/** WFDB_DEFGAIN: ADC units per physical unit when the gain is missing or zero. */
export const DEFAULT_GAIN = 200;

export interface WfdbSignalSpec {
  /** Signal file name as written (relative to the header's folder); "~" means no file. */
  fileName: string;
  format: number;
  /** Samples of this signal per frame (the `x` modifier); 1 unless multi-frequency. */
  samplesPerFrame: number;
  /** Skew in samples (the `:` modifier): this signal's sample 0 is stored that many samples late. */
  skew: number;
  /** Bytes to skip at the start of the signal file (the `+` modifier), e.g. 24 for Challenge `.mat`. */
  byteOffset: number;
  /** ADC units per physical unit; DEFAULT_GAIN when missing or written as 0. */
  gain: number;
  /** False when the gain field was missing or 0 (the signal is uncalibrated; DEFAULT_GAIN is assumed). */
  calibrated: boolean;
  /** Digital value of physical zero; defaults to adcZero. */
  baseline: number;
  /** Physical units as written ("mV", "mv", "uV", "mmHg", ...); "mV" when absent, as the spec says. */
  units: string;
  adcResolution: number;
  adcZero: number;
  /** Value of sample 0; also the starting point for format 8 first differences. */
  initialValue: number;
  /** 16-bit checksum of all samples as written (signed or, as in PTB-XL, unsigned); absent if not given. */
  checksum?: number;
  blockSize: number;
  /** The signal (lead) name, e.g. "II", "aVR", "MLII"; "" when absent. */
  description: string;
  /** 1-based line number in the header, for messages. */
  line: number;
}

export interface WfdbSegmentSpec {
  /** Segment record name, or "~" for a gap. */
  name: string;
  nsamp: number;
  line: number;
}

export interface WfdbHeader {
  /** Path the header was read from ("" when parsed from a string without a name). */
  file: string;
  name: string;
  /** Number of segments for a multi-segment record (`name/nseg`); absent for ordinary records. */
  segmentCount?: number;
  nsig: number;
  /** Frame rate in frames per second (samples per second per signal when all signals have 1 sample/frame). */
  fs: number;
  counterFrequency?: number;
  baseCounter?: number;
  /** Frames per signal; absent when the record line omits it (then the signal file length decides). */
  nsamp?: number;
  baseTime?: string;
  baseDate?: string;
  signals: WfdbSignalSpec[];
  segments: WfdbSegmentSpec[];
  /** Every comment line's text after `#`, trimmed, in order (blank ones included). */
  comments: string[];
  info: WfdbCommentInfo;
}

/** Reads and parses a header file. The path may be given with or without `.hea`. */
export function readWfdbHeader(path: string): WfdbHeader {
  const file = headerPath(path);
  if (!existsSync(file)) refuseHeaderlessMat(path);
  const text = readFileOrThrow(file, "header").toString("latin1");
  return parseWfdbHeader(text, file);
}

/** `record` or `record.hea` -> `record.hea`. */
export function headerPath(path: string): string {
  return path.toLowerCase().endsWith(".hea") ? path : `${path}.hea`;
}

interface HeaderLine {
  text: string;
  number: number;
}

/** Parses header text; `file` names the header in error messages. */
export function parseWfdbHeader(text: string, file = ""): WfdbHeader {
  const lines: HeaderLine[] = [];
  const comments: string[] = [];
  text.split(/\r?\n|\r/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith("#")) comments.push(trimmed.slice(1).trim());
    else if (trimmed !== "") lines.push({text: trimmed, number: index + 1});
  });
  const bad = (problem: string) => new EcgReadError(file, "bad-header", problem);
  const [recordLine, ...rest] = lines;
  if (!recordLine) throw bad("header has no record line");

  const record = parseRecordLine(recordLine, bad);
  const header: WfdbHeader = {
    file,
    ...record,
    signals: [],
    segments: [],
    comments,
    info: parseCommentInfo(comments)
  };
  if (record.segmentCount !== undefined) {
    if (rest.length < record.segmentCount) {
      throw bad(`record line declares ${record.segmentCount} segments but the header lists ${rest.length}`);
    }
    header.segments = rest.slice(0, record.segmentCount).map((line) => parseSegmentLine(line, bad));
    return header;
  }
  if (rest.length < record.nsig) {
    throw bad(`record line declares ${record.nsig} signals but the header has ${rest.length} signal lines`);
  }
  header.signals = rest.slice(0, record.nsig).map((line) => parseSignalLine(line, bad));
  return header;
}

type BadHeader = (problem: string) => EcgReadError;
type RecordLineFields = Omit<WfdbHeader, "file" | "signals" | "segments" | "comments" | "info">;

function parseRecordLine(line: HeaderLine, bad: BadHeader): RecordLineFields {
  const tokens = line.text.split(/\s+/);
  const where = `line ${line.number} (record line)`;
  const [nameField, nsigField, fsField, nsampField, ...timeAndDate] = tokens;
  const [name, segmentField] = nameField!.split("/");
  const fields: RecordLineFields = {name: name!, nsig: 0, fs: DEFAULT_FRAME_RATE};
  if (segmentField !== undefined) fields.segmentCount = count(segmentField, "number of segments", where, bad);
  if (nsigField === undefined) throw bad(`${where}: number of signals is missing`);
  fields.nsig = count(nsigField, "number of signals", where, bad);
  if (fsField !== undefined) Object.assign(fields, parseFrequencyField(fsField, where, bad));
  if (nsampField !== undefined) fields.nsamp = count(nsampField, "number of samples", where, bad);
  // The spec orders these "time date", but Challenge headers write "12-May-2020 12:33:59": tell them apart by ':'.
  for (const token of timeAndDate) {
    if (token.includes(":") && fields.baseTime === undefined) fields.baseTime = token;
    else if (fields.baseDate === undefined) fields.baseDate = token;
  }
  return fields;
}

/** `fs[/counterFrequency[(baseCounter)]]` */
function parseFrequencyField(text: string, where: string, bad: BadHeader) {
  const match = /^([^/]+)(?:\/([^(]+)(?:\(([^)]*)\))?)?$/.exec(text);
  const fs = match ? parseDecimal(match[1]!) : undefined;
  if (fs === undefined || !(fs > 0)) throw bad(`${where}: sampling frequency "${text}" is not a positive number`);
  const fields: {fs: number; counterFrequency?: number; baseCounter?: number} = {fs};
  if (match![2] !== undefined) {
    const counterFrequency = parseDecimal(match![2]);
    if (counterFrequency === undefined) throw bad(`${where}: counter frequency "${match![2]}" is not a number`);
    fields.counterFrequency = counterFrequency;
  }
  if (match![3] !== undefined) {
    const baseCounter = parseDecimal(match![3]);
    if (baseCounter === undefined) throw bad(`${where}: base counter value "${match![3]}" is not a number`);
    fields.baseCounter = baseCounter;
  }
  return fields;
}

function parseSegmentLine(line: HeaderLine, bad: BadHeader): WfdbSegmentSpec {
  const [name, nsampField] = line.text.split(/\s+/);
  const where = `line ${line.number} (segment ${name})`;
  if (nsampField === undefined) throw bad(`${where}: segment length is missing`);
  return {name: name!, nsamp: count(nsampField, "segment length", where, bad), line: line.number};
}

/** Positions of the whitespace-separated fields of a signal line before the free-text description. */
const SIGNAL_FIELD_COUNT = 8;

function parseSignalLine(line: HeaderLine, bad: BadHeader): WfdbSignalSpec {
  const tokens: string[] = [];
  const pattern = /\S+/g;
  let description = "";
  for (let match = pattern.exec(line.text); match; match = pattern.exec(line.text)) {
    if (tokens.length === SIGNAL_FIELD_COUNT) {
      description = line.text.slice(match.index).trim();
      break;
    }
    tokens.push(match[0]);
  }
  const [fileName, formatField, gainField, resolutionField, zeroField, initialField, checksumField, blockField] = tokens;
  const where = `line ${line.number} (signal ${description || fileName})`;
  if (formatField === undefined) throw bad(`${where}: format is missing`);
  const format = parseFormatField(formatField, where, bad);
  const gain = gainField === undefined ? undefined : parseGainField(gainField, where, bad);
  const adcResolution =
    resolutionField === undefined ? defaultResolution(format.format) : count(resolutionField, "ADC resolution", where, bad);
  const adcZero = zeroField === undefined ? 0 : integer(zeroField, "ADC zero", where, bad);
  const spec: WfdbSignalSpec = {
    fileName: fileName!,
    ...format,
    gain: gain?.gain ? gain.gain : DEFAULT_GAIN,
    calibrated: Boolean(gain?.gain),
    baseline: gain?.baseline ?? adcZero,
    units: gain?.units ?? "mV",
    adcResolution,
    adcZero,
    initialValue: initialField === undefined ? adcZero : integer(initialField, "initial value", where, bad),
    blockSize: blockField === undefined ? 0 : integer(blockField, "block size", where, bad),
    description,
    line: line.number
  };
  if (checksumField !== undefined) spec.checksum = integer(checksumField, "checksum", where, bad);
  return spec;
}

/** `format[xSamplesPerFrame][:skew][+byteOffset]`, e.g. `16`, `212x4`, `212:4`, `16+24`, `16x1+24`. */
function parseFormatField(text: string, where: string, bad: BadHeader) {
  const match = /^(\d+)((?:[x:+]\d+)*)$/.exec(text);
  if (!match) throw bad(`${where}: format "${text}" is not of the form format[xN][:skew][+offset]`);
  const fields = {format: Number(match[1]), samplesPerFrame: 1, skew: 0, byteOffset: 0};
  for (const [, modifier, value] of match[2]!.matchAll(/([x:+])(\d+)/g)) {
    if (modifier === "x") fields.samplesPerFrame = Math.max(1, Number(value));
    else if (modifier === ":") fields.skew = Number(value);
    else fields.byteOffset = Number(value);
  }
  return fields;
}

/** `gain[(baseline)][/units]`, e.g. `200`, `1000/mV`, `1000.0(0)/mV`, `12.84(-1605)/mmHg`, `1.052e+04/mV`. */
function parseGainField(text: string, where: string, bad: BadHeader) {
  const match = /^([^(/]*)(?:\(([^)]*)\))?(?:\/(.*))?$/.exec(text);
  const gain = match ? parseDecimal(match[1]!) : undefined;
  if (gain === undefined) throw bad(`${where}: gain "${match?.[1] ?? text}" is not a number`);
  const fields: {gain: number; baseline?: number; units?: string} = {gain};
  if (match![2] !== undefined) fields.baseline = integer(match![2], "baseline", where, bad);
  if (match![3]) fields.units = match![3];
  return fields;
}

/** ADC resolution assumed when the field is absent: the bits the format stores (12 otherwise, as WFDB_DEFRES). */
function defaultResolution(format: number): number {
  switch (format) {
    case 8:
    case 80:
      return 8;
    case 16:
    case 61:
    case 160:
      return 16;
    case 24:
      return 24;
    case 32:
      return 32;
    case 310:
    case 311:
      return 10;
    default:
      return 12;
  }
}

function integer(text: string, field: string, where: string, bad: BadHeader): number {
  const value = parseInteger(text);
  if (value === undefined) throw bad(`${where}: ${field} "${text}" is not an integer`);
  return value;
}

function count(text: string, field: string, where: string, bad: BadHeader): number {
  const value = parseInteger(text);
  if (value === undefined || value < 0) throw bad(`${where}: ${field} "${text}" is not a non-negative integer`);
  return value;
}

/**
 * A record asked for by a `.mat` file (or its stem) that has no WFDB header: when the file is a MATLAB v5 MAT-file
 * (the original CPSC 2018 and Chapman-Shaoxing releases), say so instead of "header does not exist".
 */
function refuseHeaderlessMat(path: string): void {
  const mat = /\.mat$/i.test(path) ? path : `${path}.mat`;
  if (!existsSync(mat)) return;
  const start = new Uint8Array(128);
  const fd = openSync(mat, "r");
  try {
    readSync(fd, start, 0, 128, 0);
  } finally {
    closeSync(fd);
  }
  if (isMatV5(start) || isMatV73(start)) {
    const stem = basename(mat).replace(/\.mat$/i, "");
    throw new EcgReadError(mat, "unsupported-format", `is a MATLAB ${isMatV73(start) ? "v7.3" : "v5"} MAT-file without a WFDB header (${stem}.hea), as the original CPSC 2018 and Chapman-Shaoxing releases ship; it is not a WFDB record: read its variables with readMatV5 (training/io/matlab/mat-v5.ts)`);
  }
}
