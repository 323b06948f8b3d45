/**
 * An architecture's size grammar: the dimensions that name one model size, in the order the size label
 * writes them ("3x16" is {units: 3, width: 16}). Family modules declare one per architecture; the CLI, the
 * studies, the run tables and the config checks read sizes through it, never through field names.
 */
import {ConfigError} from "../util/errors.js";

/** One model size: whole numbers by dimension name ({units, width}, {layers, dModel, heads, dFfn}, ...). */
export type ModelSize = {readonly [dimension: string]: number};

export interface Architecture {
  /** Lower-case key ("resnet"): the study files' `sizes` are keyed by it and the run tables' `architecture` column holds it. */
  readonly name: string;
  /** How pages and findings write it ("ResNet"). */
  readonly displayName: string;
  /** The dimensions of a size, in label order. */
  readonly dimensions: readonly string[];
  /** A size to show in usage messages. */
  readonly example: ModelSize;
  /** Checks beyond "positive whole numbers" (e.g. heads must divide the width); throws ConfigError. */
  readonly checkMore?: (size: ModelSize) => void;
}

/** The grammar in words: "UNITSxWIDTH (e.g. 3x16)". */
export function sizeGrammar(arch: Architecture): string {
  return `${arch.dimensions.map((d) => d.toUpperCase()).join("x")} (e.g. ${labelSize(arch, arch.example)})`;
}

/** "3x16": the dimensions' values joined by x, in the architecture's order. */
export function labelSize(arch: Architecture, size: ModelSize): string {
  return arch.dimensions.map((d) => size[d]).join("x");
}

/** The size a label names; ConfigError when it is not the architecture's grammar. */
export function parseSize(arch: Architecture, text: string): ModelSize {
  const parts = text.split("x").map(Number);
  if (parts.some((p) => !Number.isInteger(p) || p < 1)) throw new ConfigError(`size "${text}" is not a list of whole numbers joined by x`);
  if (parts.length !== arch.dimensions.length) throw new ConfigError(`a ${arch.displayName} size is ${sizeGrammar(arch)}; got "${text}"`);
  const size = Object.fromEntries(arch.dimensions.map((d, i) => [d, parts[i]!]));
  checkSize(arch, size);
  return size;
}

/**
 * Throws ConfigError unless `size` has exactly the architecture's dimensions, each a positive whole number;
 * `owner` names who needs it in the message ("family resnet-sl").
 */
export function checkSize(arch: Architecture, size: ModelSize, owner = `a ${arch.displayName} model`): void {
  const keys = Object.keys(size ?? {});
  const expected = arch.dimensions;
  if (keys.length !== expected.length || !expected.every((d) => keys.includes(d))) {
    throw new ConfigError(`${owner} needs a {${expected.join(", ")}} size, got {${keys.join(", ")}}`);
  }
  for (const d of expected) {
    const v = size[d];
    if (!Number.isInteger(v) || v! < 1) throw new ConfigError(`size.${d} must be a positive whole number, got ${v}`);
  }
  arch.checkMore?.(size);
}
