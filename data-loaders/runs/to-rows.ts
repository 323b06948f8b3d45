import {type TrainConfig, architectureOf, paradigmOf, sizeLabelOf, type RunRecord} from "../../training/models.js";
import type {StoredRun} from "../../training/studies.js";
import {oodColumn, oodConstantColumn, oodSeColumn, type CurveRow, type RunRow} from "../../src/lib/study/run-row.js";

/** "3x16": the size as the CLI takes it (the family's size grammar). */
export const sizeLabel = (config: Pick<TrainConfig, "family" | "size">): string => sizeLabelOf(config.family, config.size);

/** One `runs` row per stored run; OOD columns for every dataset of `datasets` (null where a run lacks one). */
export function runRow(study: string, run: StoredRun<TrainConfig, RunRecord>, datasets: string[]): RunRow {
  const {config, result: r} = run;
  const last = r.evaluations[r.evaluations.length - 1];
  const row: RunRow = {
    key: run.key,
    study,
    family: config.family,
    architecture: architectureOf(config.family),
    paradigm: paradigmOf(config.family),
    size: sizeLabel(config),
    params: r.params,
    records: r.records,
    steps: config.steps,
    steps_done: r.stepsDone,
    batch: config.batch,
    learning_rate: config.learningRate,
    seed: config.seed,
    macs: r.macsPerSample,
    flops: r.flops,
    stopped_early: r.stoppedEarly,
    chosen_step: r.best.step ?? null,
    best_val_loss: r.best.valLoss,
    best_id_loss: r.best.idLoss,
    id_loss_se: r.best.idLossSe ?? null,
    best_id_auroc: r.best.idAuroc ?? null,
    final_id_loss: last.idLoss,
    final_id_auroc: last.idAuroc ?? null,
    final_train_loss: last.trainLoss,
    backend: r.backend.name,
    backend_version: r.backend.version,
    threads: r.backend.threads,
    wall_seconds: r.wallSeconds,
    samples_per_second: r.samplesPerSecond
  };
  for (const dataset of datasets) {
    row[oodColumn(dataset, "loss")] = r.best.ood[dataset]?.loss ?? null;
    row[oodColumn(dataset, "auroc")] = r.best.ood[dataset]?.auroc ?? null;
    row[oodSeColumn(dataset)] = r.best.ood[dataset]?.lossSe ?? null;
    row[oodConstantColumn(dataset)] = r.best.ood[dataset]?.constantLoss ?? null;
  }
  return row;
}

/** One `curves` row per evaluation point of a run. */
export function curveRows(run: StoredRun<TrainConfig, RunRecord>, datasets: string[]): CurveRow[] {
  return run.result.evaluations.map((e) => {
    const row: CurveRow = {
      key: run.key,
      family: run.config.family,
      params: run.result.params,
      records: run.result.records,
      step: e.step,
      seconds: e.seconds,
      train_loss: Number.isFinite(e.trainLoss) ? e.trainLoss : null,
      val_loss: e.valLoss,
      id_loss: e.idLoss,
      id_loss_se: e.idLossSe ?? null,
      id_auroc: e.idAuroc ?? null
    };
    for (const dataset of datasets) {
      const o = e.ood.find((x) => x.dataset === dataset);
      row[oodColumn(dataset, "loss")] = o?.loss ?? null;
      row[oodColumn(dataset, "auroc")] = o?.auroc ?? null;
    }
    return row;
  });
}
