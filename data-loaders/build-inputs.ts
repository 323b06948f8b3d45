// What a build needs before Framework starts (and before it clears dist/): a known STUDY and a run store whose
// every file is a valid run record. Problems come back as sentences that name the variable or the file and the
// fix, so `npm run build` can stop with them instead of a loader's stack trace.
import {relative} from "node:path";
import {defaultStoreDir, RunStore, STUDIES} from "../training/studies.js";
import {configuredStudy, DEFAULT_STUDY} from "./runs/study-runs.js";

export function buildInputProblems(storeDir = defaultStoreDir()): string[] {
  const problems: string[] = [];
  const study = configuredStudy();
  if (!(study in STUDIES)) {
    problems.push(`STUDY=${study} is not a study of this repository (known: ${Object.keys(STUDIES).join(", ")}). Set STUDY to one of them, or unset it to build the published study (${DEFAULT_STUDY}).`);
  }
  const shown = (file: string) => (relative(process.cwd(), file).startsWith("..") ? file : relative(process.cwd(), file));
  for (const bad of new RunStore(storeDir).problems()) {
    problems.push(
      `run store: ${shown(bad.file)}: ${bad.problem}. ` +
        `If the file is committed, restore it with \`git checkout -- ${shown(bad.file)}\`; otherwise delete it and its run is retrained (npm run sweep -- --study ${study in STUDIES ? study : DEFAULT_STUDY}).`
    );
  }
  return problems;
}
