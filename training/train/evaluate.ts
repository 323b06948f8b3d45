import type {Corpus, CorpusSplit} from "../corpus/index.js";
import type {FamilyModel} from "../families/types.js";
import {trainLinearProbe, type ProbeSplit} from "../eval/linear-probe.js";
import type {ProbeScore} from "./run-record.js";

/** Linear probes on every OOD dataset, from features computed once per split for this evaluation. */
export async function probeAll(family: FamilyModel, datasets: Corpus[]): Promise<ProbeScore[]> {
  const scores: ProbeScore[] = [];
  for (const corpus of datasets) {
    const {kind, classes} = corpus.task;
    const split = async (s: CorpusSplit): Promise<ProbeSplit> => ({
      x: await family.features(s),
      y: kind === "multilabel" ? Float32Array.from(s.labels) : Int32Array.from(s.labels),
      n: s.count
    });
    const [train, val, test] = [await split(corpus.splits.train), await split(corpus.splits.val), await split(corpus.splits.test)];
    const r = trainLinearProbe(train, val, test, {kind, classes: classes.length, dims: family.featureDims});
    scores.push({
      dataset: corpus.name,
      loss: r.testLoss,
      lossSe: r.testLossSe,
      auroc: r.testAuroc,
      constantLoss: r.constantLoss,
      lambda: r.lambda,
      converged: r.converged,
      epochs: r.iterations
    });
  }
  return scores;
}
