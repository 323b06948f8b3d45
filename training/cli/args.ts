// The project's commands' options: `--name value`, `--name=value` and boolean `--flag`, split into tokens by
// node:util's parseArgs and checked against typed specs (numbers, ranges, choices, required, repeats). Unknown or
// malformed options throw UsageError, which the commands print with their usage text (never a stack trace).
import {parseArgs as nodeParseArgs} from "node:util";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type OptionSpec =
  | {type: "string"; description: string; default?: string; choices?: readonly string[]; required?: boolean}
  | {type: "number"; description: string; default?: number; integer?: boolean; min?: number; positive?: boolean; required?: boolean}
  | {type: "boolean"; description: string};

export type Specs = Record<string, OptionSpec>;

export type Parsed<S extends Specs> = {
  [K in keyof S]: S[K] extends {type: "number"} ? number | undefined : S[K] extends {type: "boolean"} ? boolean : string | undefined;
};

export function parseArgs<S extends Specs>(argv: readonly string[], specs: S): Parsed<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    out[name] = spec.type === "boolean" ? false : "default" in spec ? spec.default : undefined;
  }
  // node:util's parseArgs splits the arguments into tokens; the checks and messages below are the commands' own.
  const {tokens} = nodeParseArgs({
    args: [...argv],
    options: Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, {type: spec.type === "boolean" ? "boolean" : "string"}])),
    strict: false,
    allowPositionals: true,
    tokens: true
  });
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind === "positional") throw new UsageError(`unexpected argument "${token.value}"`);
    if (token.kind !== "option") throw new UsageError(`unexpected argument "--"`);
    if (!token.rawName.startsWith("--")) throw new UsageError(`unexpected argument "${argv[token.index]}"`);
    const {name} = token;
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    // A repeated option is a mistake to report, not a silent "last one wins".
    if (seen.has(name)) throw new UsageError(`--${name} is given more than once`);
    seen.add(name);
    if (spec.type === "boolean") {
      if (token.inlineValue) throw new UsageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
    if (spec.type === "number") {
      const n = Number(value);
      if (value.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${value}"`);
      if (spec.integer && !Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
      if (spec.min !== undefined && n < spec.min) throw new UsageError(`--${name} must be at least ${spec.min}, got ${n}`);
      if (spec.positive && !(n > 0)) throw new UsageError(`--${name} must be positive, got ${n}`);
      out[name] = n;
    } else {
      if (spec.choices && !spec.choices.includes(value)) throw new UsageError(`--${name} must be one of ${spec.choices.join(", ")}; got "${value}"`);
      out[name] = value;
    }
  }
  const missing = Object.entries(specs).filter(([name, spec]) => spec.type !== "boolean" && spec.required && out[name] === undefined);
  if (missing.length) throw new UsageError(`${missing.map(([name]) => `--${name}`).join(", ")} ${missing.length === 1 ? "is" : "are"} required`);
  return out as Parsed<S>;
}

export function usage(command: string, specs: Specs): string {
  const lines = Object.entries(specs).map(([name, spec]) => {
    const value = spec.type === "boolean" ? "" : spec.type === "number" ? " N" : spec.choices ? ` ${spec.choices.join("|")}` : " TEXT";
    const def = spec.type !== "boolean" && spec.required ? " (required)" : spec.type !== "boolean" && spec.default !== undefined ? ` (default ${spec.default})` : "";
    return `  --${name}${value}`.padEnd(38) + "  " + spec.description + def;
  });
  return `usage: ${command} [options]\n${lines.join("\n")}`;
}
