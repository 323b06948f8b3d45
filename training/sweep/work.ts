import {corpusConfig, planCorpus, type CorpusName} from "../corpus/index.js";
import {backboneSize} from "../families/cost.js";
import type {TrainConfig} from "../train/config.js";

/**
 * A run's work in forward-pass sample-MACs, the unit the sweep's time estimate is fitted in: training (forward and
 * backward, about three forward passes per sample) plus evaluation (the ID validation and test splits at every
 * evaluation, and one pass over every OOD dataset for the probes at the chosen checkpoint). Evaluation sets do not
 * shrink with the step budget: a study with tiny evaluation splits (smoke) costs far less per run than a
 * cost-per-training-step estimate calibrated on a study with full-size splits would say.
 */
export function runWork(config: TrainConfig, stepsDone = config.steps): number {
  const {macsPerSample} = backboneSize(config);
  const {idEvaluation, ood} = evaluationRecords(config);
  const evaluations = Math.floor(stepsDone / config.evalEvery) + (stepsDone % config.evalEvery !== 0 ? 1 : 0);
  return macsPerSample * (3 * config.batch * stepsDone + evaluations * idEvaluation + ood);
}

/**
 * Records a run loads and handles apart from its model's forward passes: the whole ID corpus (read from the cache,
 * batched) and every OOD dataset (read, then a probe fitted on its features): the part of a run's time that does not
 * grow with the model.
 */
export function runRecords(config: TrainConfig): number {
  const {idTotal, ood} = evaluationRecords(config);
  return idTotal + ood;
}

const cache = new Map<string, {idEvaluation: number; idTotal: number; ood: number}>();

/** Records evaluated per ID evaluation (validation + test), in the whole ID corpus, and in all OOD datasets. */
export function evaluationRecords(config: TrainConfig): {idEvaluation: number; idTotal: number; ood: number} {
  const c = config.corpus;
  const key = JSON.stringify([c, config.ood]);
  const hit = cache.get(key);
  if (hit) return hit;
  const options = {scale: c.scale, seed: c.seed, evalScale: c.evalScale, edition: c.edition};
  const id = planCorpus(corpusConfig(c.name as CorpusName, options));
  const ood = config.ood.reduce((sum, name) => {
    const size = corpusConfig(name as CorpusName, options).size;
    return sum + (size.kind === "records" ? size.train + size.val + size.test : 0);
  }, 0);
  const counts = {idEvaluation: id.val.length + id.test.length, idTotal: id.train.length + id.val.length + id.test.length, ood};
  cache.set(key, counts);
  return counts;
}
