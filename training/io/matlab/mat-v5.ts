/**
 * MATLAB v5 MAT-files (what MATLAB's `save` writes by default up to v7, and what the original CPSC 2018 and
 * Chapman-Shaoxing releases ship): a 128-byte header (text, subsystem offset, version 0x0100, endian indicator
 * "IM"/"MI"), then data elements, each a tag (type and byte count, or the 4-byte "small element" form) and its data
 * padded to 8 bytes; miCOMPRESSED elements are zlib streams holding one element. Variables are miMATRIX elements:
 * array flags (class, complex, logical), dimensions, name, then the class's data (numeric real and imaginary parts
 * in any storage type, characters, struct fields, cell elements). Per the format description
 * (MathWorks, "MAT-File Format", R2019b). Sparse arrays, objects and function handles are refused by name.
 *
 * Hand-written because the one maintained npm reader (mat-for-js) is GPL-3.0 and turns matrices into nested JS
 * arrays; tested against scipy.io.savemat (test/unit/mat-v5.test.ts).
 */
import {inflateSync} from "node:zlib";
import {EcgReadError} from "../errors.js";

export type MatNumericClass = "double" | "single" | "int8" | "uint8" | "int16" | "uint16" | "int32" | "uint32" | "int64" | "uint64";

/** A numeric or logical array, column-major as MATLAB stores it; values as doubles (64-bit integers beyond 2^53 lose precision). */
export interface MatNumeric {
  kind: "numeric";
  class: MatNumericClass;
  logical: boolean;
  dims: number[];
  real: Float64Array;
  imag?: Float64Array;
}

/** A character array: its rows as strings (a row vector is one string). */
export interface MatChar {
  kind: "char";
  dims: number[];
  rows: string[];
}

/** A struct array: field names in file order, one record of fields per element (column-major). */
export interface MatStruct {
  kind: "struct";
  dims: number[];
  fields: string[];
  elements: Record<string, MatValue>[];
}

export interface MatCell {
  kind: "cell";
  dims: number[];
  elements: MatValue[];
}

export type MatValue = MatNumeric | MatChar | MatStruct | MatCell;

export interface MatV5File {
  /** The header's descriptive text (trailing spaces removed). */
  header: string;
  variables: Record<string, MatValue>;
}

const HEADER_BYTES = 128;
const MI = {int8: 1, uint8: 2, int16: 3, uint16: 4, int32: 5, uint32: 6, single: 7, double: 9, int64: 12, uint64: 13, matrix: 14, compressed: 15, utf8: 16, utf16: 17, utf32: 18} as const;
const NUMERIC_CLASSES: Record<number, MatNumericClass> = {6: "double", 7: "single", 8: "int8", 9: "uint8", 10: "int16", 11: "uint16", 12: "int32", 13: "uint32", 14: "int64", 15: "uint64"};
const OTHER_CLASSES: Record<number, string> = {3: "object", 5: "sparse array", 16: "function handle", 17: "opaque object"};

/** Whether `bytes` begin like a MATLAB v5 MAT-file (v7.3 files are HDF5 and are not). */
export function isMatV5(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_BYTES) return false;
  const text = Buffer.from(bytes.subarray(0, 10)).toString("latin1");
  const endian = String.fromCharCode(bytes[126]!, bytes[127]!);
  return text === "MATLAB 5.0" && (endian === "IM" || endian === "MI");
}

/** Whether `bytes` begin like a MATLAB v7.3 MAT-file (an HDF5 file with a MATLAB text header). */
export function isMatV73(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_BYTES && Buffer.from(bytes.subarray(0, 10)).toString("latin1") === "MATLAB 7.3";
}

/** Every variable of a v5 MAT-file; `file` names it in errors. */
export function readMatV5(bytes: Uint8Array, file: string): MatV5File {
  if (isMatV73(bytes)) throw new EcgReadError(file, "unsupported-format", "is a MATLAB v7.3 MAT-file (HDF5 inside): save it with -v7 or read it as HDF5");
  if (!isMatV5(bytes)) throw new EcgReadError(file, "unknown-format", "is not a MATLAB v5 MAT-file (no 'MATLAB 5.0' header with an IM/MI endian mark)");
  const littleEndian = String.fromCharCode(bytes[126]!, bytes[127]!) === "IM";
  const header = Buffer.from(bytes.subarray(0, 116)).toString("latin1").replace(/[\s\0]+$/, "");
  const variables: Record<string, MatValue> = {};
  const reader = new ElementReader(bytes, littleEndian, file);
  let at = HEADER_BYTES;
  while (at < bytes.length) {
    const element = reader.element(at);
    at = element.next;
    const {type, data} = element.type === MI.compressed ? reader.inflated(element.data) : element;
    if (type !== MI.matrix) continue; // other top-level elements carry no variable
    const {name, value} = reader.matrix(data);
    if (value) variables[name] = value;
  }
  return {header, variables};
}

interface Element {
  type: number;
  data: Uint8Array;
  next: number;
}

class ElementReader {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly littleEndian: boolean,
    private readonly file: string
  ) {}

  private fail(problem: string): never {
    throw new EcgReadError(this.file, "truncated", problem);
  }

  /** The data element at `at` of `buffer` (default: the file): its type, its data, and where the next one starts. */
  element(at: number, buffer: Uint8Array = this.bytes): Element {
    if (at + 8 > buffer.length) this.fail(`data element at byte ${at} is cut off (the file or stream ends at ${buffer.length})`);
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const first = view.getUint32(at, this.littleEndian);
    if (first >>> 16 !== 0) {
      // Small data element: type and byte count in the first 4 bytes, up to 4 bytes of data in the next 4.
      const size = first >>> 16;
      if (size > 4) this.fail(`small data element at byte ${at} claims ${size} bytes`);
      return {type: first & 0xffff, data: buffer.subarray(at + 4, at + 4 + size), next: at + 8};
    }
    const size = view.getUint32(at + 4, this.littleEndian);
    if (at + 8 + size > buffer.length) this.fail(`data element at byte ${at} claims ${size} bytes, past the end (${buffer.length})`);
    const data = buffer.subarray(at + 8, at + 8 + size);
    // Compressed elements are not padded; all others are padded to a multiple of 8 bytes.
    const padded = first === MI.compressed ? size : Math.ceil(size / 8) * 8;
    return {type: first, data, next: Math.min(buffer.length, at + 8 + padded)};
  }

  inflated(data: Uint8Array): Element {
    let plain: Uint8Array;
    try {
      plain = inflateSync(data);
    } catch (error) {
      throw new EcgReadError(this.file, "bad-value", `a compressed element does not inflate (${(error as Error).message})`);
    }
    return this.element(0, plain);
  }

  /** Numbers of a numeric data element, whatever its storage type, as doubles. */
  private numbers(element: Element): Float64Array {
    const {type, data} = element;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const le = this.littleEndian;
    const read: Record<number, [number, (i: number) => number]> = {
      [MI.int8]: [1, (i) => view.getInt8(i)],
      [MI.uint8]: [1, (i) => view.getUint8(i)],
      [MI.int16]: [2, (i) => view.getInt16(i, le)],
      [MI.uint16]: [2, (i) => view.getUint16(i, le)],
      [MI.int32]: [4, (i) => view.getInt32(i, le)],
      [MI.uint32]: [4, (i) => view.getUint32(i, le)],
      [MI.single]: [4, (i) => view.getFloat32(i, le)],
      [MI.double]: [8, (i) => view.getFloat64(i, le)],
      [MI.int64]: [8, (i) => Number(view.getBigInt64(i, le))],
      [MI.uint64]: [8, (i) => Number(view.getBigUint64(i, le))]
    };
    const reader = read[type];
    if (!reader) throw new EcgReadError(this.file, "bad-value", `numeric data stored as element type ${type}, which is not a number type`);
    const [width, get] = reader;
    const out = new Float64Array(Math.floor(data.length / width));
    for (let i = 0; i < out.length; i++) out[i] = get(i * width);
    return out;
  }

  /** A miMATRIX element's data: its name and value (undefined for an empty matrix element). */
  matrix(data: Uint8Array): {name: string; value: MatValue | undefined} {
    if (data.length === 0) return {name: "", value: undefined};
    const flags = this.element(0, data);
    const dimsElement = this.element(flags.next, data);
    const nameElement = this.element(dimsElement.next, data);
    let at = nameElement.next;
    const flagWord = new DataView(flags.data.buffer, flags.data.byteOffset, flags.data.byteLength).getUint32(0, this.littleEndian);
    const classCode = flagWord & 0xff;
    const complex = (flagWord & 0x800) !== 0;
    const logical = (flagWord & 0x200) !== 0;
    const dims = Array.from(this.numbers(dimsElement));
    const name = Buffer.from(nameElement.data).toString("latin1");
    const count = dims.reduce((a, b) => a * b, 1);
    const next = () => {
      const element = this.element(at, data);
      at = element.next;
      return element;
    };
    const numericClass = NUMERIC_CLASSES[classCode];
    if (numericClass) {
      const real = count === 0 ? new Float64Array(0) : this.numbers(next());
      const imag = complex ? this.numbers(next()) : undefined;
      if (real.length !== count) throw new EcgReadError(this.file, "bad-value", `variable "${name}" has ${real.length} values for dimensions ${dims.join("x")}`);
      return {name, value: {kind: "numeric", class: numericClass, logical, dims, real, ...(imag ? {imag} : {})}};
    }
    if (classCode === 4) {
      const element = count === 0 ? undefined : next();
      const codes = element ? this.characters(element) : [];
      const [rows = 0, cols = 0] = dims;
      const out = Array.from({length: rows}, (_, r) => String.fromCodePoint(...Array.from({length: cols}, (_, c) => codes[c * rows + r] ?? 0)));
      return {name, value: {kind: "char", dims, rows: out}};
    }
    if (classCode === 2) {
      const nameLength = this.numbers(next())[0]!;
      const namesElement = next();
      const fields: string[] = [];
      for (let i = 0; i + nameLength <= namesElement.data.length && nameLength > 0; i += nameLength) {
        fields.push(Buffer.from(namesElement.data.subarray(i, i + nameLength)).toString("latin1").replace(/\0.*$/s, ""));
      }
      const elements: Record<string, MatValue>[] = [];
      for (let e = 0; e < count; e++) {
        const record: Record<string, MatValue> = {};
        for (const field of fields) {
          const value = this.matrix(this.expectMatrix(next(), `field "${field}" of "${name}"`)).value;
          record[field] = value ?? {kind: "numeric", class: "double", logical: false, dims: [0, 0], real: new Float64Array(0)};
        }
        elements.push(record);
      }
      return {name, value: {kind: "struct", dims, fields, elements}};
    }
    if (classCode === 1) {
      const elements: MatValue[] = [];
      for (let e = 0; e < count; e++) {
        const value = this.matrix(this.expectMatrix(next(), `cell ${e + 1} of "${name}"`)).value;
        elements.push(value ?? {kind: "numeric", class: "double", logical: false, dims: [0, 0], real: new Float64Array(0)});
      }
      return {name, value: {kind: "cell", dims, elements}};
    }
    const what = OTHER_CLASSES[classCode] ?? `class ${classCode}`;
    throw new EcgReadError(this.file, "unsupported-format", `variable "${name}" is a MATLAB ${what}, which this reader does not read (numeric, logical, char, struct and cell arrays only)`);
  }

  private expectMatrix(element: Element, what: string): Uint8Array {
    if (element.type !== MI.matrix) throw new EcgReadError(this.file, "bad-value", `${what} is element type ${element.type}, not a matrix`);
    return element.data;
  }

  private characters(element: Element): number[] {
    const {type, data} = element;
    if (type === MI.utf8) return Array.from(new TextDecoder("utf-8").decode(data), (ch) => ch.codePointAt(0)!);
    if (type === MI.uint8 || type === MI.int8) return Array.from(data);
    if (type === MI.uint16 || type === MI.utf16) return Array.from(this.numbers({...element, type: MI.uint16}));
    if (type === MI.utf32 || type === MI.uint32 || type === MI.int32) return Array.from(this.numbers({...element, type: MI.uint32}));
    throw new EcgReadError(this.file, "bad-value", `character data stored as element type ${type}`);
  }
}
