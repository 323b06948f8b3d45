/**
 * The training code's version, hashed into every run's key. Bump it when a change
 * would change results (model layout, objective, corpus, evaluation): every stored
 * run then counts as missing and is retrained. Leave it for changes that do not.
 */
export const TRAINING_CODE_VERSION = "2026-12-05.2"; // .1: converged probes, held-out SSL losses with SEs, one chosen checkpoint, step-keyed dropout, evaluation splits apart from the training pool; .2: one held-out pass / mask, smaller ID validation split
