// The report's family vocabulary: each family's name, architecture, paradigm and display name, in the order
// the charts and tables show them. training/families/registry.ts declares the families for training; the site
// cannot import training/, so this list mirrors it, and test/unit/site-families.test.ts fails when the two
// differ. A family the registry gains later still draws (its raw name, a fallback colour) until it is added here.

export type Paradigm = "sl" | "ssl";

export interface SiteFamily {
  name: string;
  architecture: string;
  paradigm: Paradigm;
  displayName: string;
}

export const ARCHITECTURE_NAMES: Record<string, string> = {resnet: "ResNet", transformer: "Transformer"};
export const PARADIGM_NAMES: Record<Paradigm, string> = {sl: "SL", ssl: "SSL"};

/** Every architecture with each paradigm, ResNets first, supervised first (the paper's order). */
export const SITE_FAMILIES: readonly SiteFamily[] = Object.entries(ARCHITECTURE_NAMES).flatMap(([architecture, arch]) =>
  (Object.entries(PARADIGM_NAMES) as [Paradigm, string][]).map(([paradigm, p]) => ({name: `${architecture}-${paradigm}`, architecture, paradigm, displayName: `${arch}-${p}`}))
);

/** Family names in the report's order. */
export const FAMILY_ORDER: readonly string[] = SITE_FAMILIES.map((f) => f.name);

const byName = new Map(SITE_FAMILIES.map((f) => [f.name, f]));

/** "ResNet-SL"; an unknown family as it is named. */
export const familyLabel = (family: string): string => byName.get(family)?.displayName ?? family;

/** The family of an architecture and a paradigm ("resnet", "sl" -> "resnet-sl"). */
export function familyOf(architecture: string, paradigm: Paradigm): string {
  const f = SITE_FAMILIES.find((s) => s.architecture === architecture && s.paradigm === paradigm);
  if (!f) throw new Error(`no ${architecture} family with paradigm ${paradigm}`);
  return f.name;
}

export const architectureOfFamily = (family: string): string | undefined => byName.get(family)?.architecture;
export const paradigmOfFamily = (family: string): Paradigm | undefined => byName.get(family)?.paradigm;

/** Families of one paradigm, in order. */
export const familiesOfParadigm = (paradigm: Paradigm): string[] => SITE_FAMILIES.filter((f) => f.paradigm === paradigm).map((f) => f.name);

/** Per architecture, [the first paradigm's family, the second's] ("ssl", "sl": [[resnet-ssl, resnet-sl], [transformer-ssl, transformer-sl]]). */
export const paradigmPairs = (first: Paradigm, second: Paradigm): [string, string][] =>
  Object.keys(ARCHITECTURE_NAMES).map((a) => [familyOf(a, first), familyOf(a, second)]);

/** Per paradigm, [the first architecture's family, the second's] ("resnet", "transformer": [[resnet-sl, transformer-sl], [resnet-ssl, transformer-ssl]]). */
export const architecturePairs = (first: string, second: string): [string, string][] =>
  (Object.keys(PARADIGM_NAMES) as Paradigm[]).map((p) => [familyOf(first, p), familyOf(second, p)]);
