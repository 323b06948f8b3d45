/**
 * The model families, declared once. Each family module exports its FamilySpec (name, architecture and size
 * grammar, paradigm, display name, factory, cost and memory accounting); BUILT_IN lists them in the order the
 * report shows them. Adding a family: a module with its spec and model code, one entry here, its tests.
 * Tests (and experiments) may add one at run time with `registerFamily`.
 */
import {ConfigError} from "../util/errors.js";
import {checkSize, labelSize, parseSize, sizeGrammar, type Architecture, type ModelSize} from "./architecture.js";
import {RESNET_SL, RESNET_SSL} from "./resnet.js";
import {TRANSFORMER_SL, TRANSFORMER_SSL} from "./transformer.js";
import type {FamilySpec} from "./types.js";

const BUILT_IN: readonly FamilySpec[] = [RESNET_SL, RESNET_SSL, TRANSFORMER_SL, TRANSFORMER_SSL];

const registry = new Map<string, FamilySpec>(BUILT_IN.map((f) => [f.name, f]));

/** Adds a family; its name must be new, and an architecture name must always mean the same architecture. */
export function registerFamily(spec: FamilySpec): void {
  if (registry.has(spec.name)) throw new ConfigError(`family "${spec.name}" is already registered`);
  const clash = [...registry.values()].find((f) => f.architecture.name === spec.architecture.name && f.architecture !== spec.architecture);
  if (clash) throw new ConfigError(`architecture "${spec.architecture.name}" of family ${spec.name} differs from the one family ${clash.name} declares`);
  registry.set(spec.name, spec);
}

/** Removes a family added with registerFamily (tests clean up after themselves); built-in families stay. */
export function unregisterFamily(name: string): void {
  if (BUILT_IN.some((f) => f.name === name)) throw new ConfigError(`family "${name}" is built in and cannot be removed`);
  registry.delete(name);
}

/** Every family's name, built-in ones first, in the report's order. */
export const familyNames = (): string[] => [...registry.keys()];

export const isFamily = (name: string): boolean => registry.has(name);

/** The family a name denotes; ConfigError naming the known ones otherwise. */
export function familySpec(name: string): FamilySpec {
  const spec = registry.get(name);
  if (!spec) throw new ConfigError(`family must be one of ${familyNames().join(", ")}, got "${name}"`);
  return spec;
}

/** The architectures of the registered families, in order of first appearance. */
export function architectures(): Architecture[] {
  return [...new Map([...registry.values()].map((f) => [f.architecture.name, f.architecture])).values()];
}

export const architectureOf = (family: string): string => familySpec(family).architecture.name;
export const paradigmOf = (family: string): "sl" | "ssl" => familySpec(family).paradigm;

/** "3x16": a size as the CLI and the tables write it. */
export const sizeLabelOf = (family: string, size: ModelSize): string => labelSize(familySpec(family).architecture, size);

/** The size a label names for a family; ConfigError saying the family's grammar otherwise. */
export const parseSizeOf = (family: string, text: string): ModelSize => parseSize(familySpec(family).architecture, text);

/** Size grammars of every architecture, for usage text: "resnet: UNITSxWIDTH (e.g. 3x16); ...". */
export const sizeGrammars = (): string => architectures().map((a) => `${a.displayName} ${sizeGrammar(a)}`).join(" or ");

/** Throws ConfigError unless the size is one of the family's architecture. */
export const checkFamilySize = (family: string, size: ModelSize): void => checkSize(familySpec(family).architecture, size, `family ${family}`);
