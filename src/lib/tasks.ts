// The report's task vocabulary. training/corpus/specs.ts declares the OOD tasks (label rules, kinds, domains);
// the site cannot import training/, so the one fact the findings need is mirrored here, and
// test/unit/site-families.test.ts fails when it differs from the specs.

/** OOD tasks standing for the paper's unseen clinical domains (structural heart disease, acute care). */
export const UNSEEN_TASKS: readonly string[] = ["structural", "risk", "mimic-mortality", "mimic-icu"];
