import {labels} from "./labels.js";
import {paper} from "./paper.js";
import {quick} from "./quick.js";
import {second} from "./second.js";
import {smoke} from "./smoke.js";
import {standard} from "./standard.js";
import type {Study} from "./types.js";

export type {Study} from "./types.js";
export {planStudy} from "./plan.js";

export const STUDIES: Record<string, Study> = {smoke, quick, standard, second, paper, labels};

/** A study name that no study file declares (a typo in STUDY or --study): the message lists the known ones. */
export class UnknownStudyError extends Error {
  constructor(readonly study: string) {
    super(`unknown study "${study}"; known: ${Object.keys(STUDIES).join(", ")}`);
    this.name = "UnknownStudyError";
  }
}

export function studyByName(name: string): Study {
  const study = STUDIES[name];
  if (!study) throw new UnknownStudyError(name);
  return study;
}
