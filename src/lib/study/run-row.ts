// The shape of the `runs` and `curves` tables the loaders write and the pages query:
// one row per run, one row per evaluation point. OOD metrics are columns named by
// dataset (ood_<dataset>_loss, ood_<dataset>_auroc, with "-" written "_").

export interface RunRow {
  key: string;
  study: string;
  family: string;
  architecture: string;
  paradigm: string;
  /** Size label: "3x16" (ResNet units x width) or "2x64x4x256" (Transformer layers x d x heads x ffn). */
  size: string;
  /** N: backbone parameters. */
  params: number;
  /** D: unique pre-training records. */
  records: number;
  steps: number;
  steps_done: number;
  batch: number;
  learning_rate: number;
  seed: number;
  /** Forward MACs per pre-training record. */
  macs: number;
  /** C = 6 x MACs x batch x steps done. */
  flops: number;
  stopped_early: boolean;
  /** The chosen checkpoint's step (lowest ID validation loss); every best_* and OOD value is read there. */
  chosen_step: number | null;
  best_val_loss: number;
  best_id_loss: number;
  /** Standard error of best_id_loss (evaluation draws). */
  id_loss_se: number | null;
  best_id_auroc: number | null;
  final_id_loss: number;
  final_id_auroc: number | null;
  final_train_loss: number;
  backend: string;
  backend_version: string;
  threads: number;
  wall_seconds: number;
  samples_per_second: number;
  [oodColumn: string]: string | number | boolean | null;
}

export interface CurveRow {
  key: string;
  family: string;
  params: number;
  records: number;
  step: number;
  seconds: number;
  train_loss: number | null;
  val_loss: number;
  id_loss: number;
  id_loss_se: number | null;
  id_auroc: number | null;
  [oodColumn: string]: string | number | boolean | null;
}

/** Column of an OOD dataset's metric, e.g. oodColumn("ptbxl-super", "loss") = "ood_ptbxl_super_loss". */
export function oodColumn(dataset: string, metric: "loss" | "auroc"): string {
  return `ood_${dataset.replace(/[^A-Za-z0-9]/g, "_")}_${metric}`;
}

/** The datasets a runs table has OOD columns for (in column order). */
export function oodDatasets(columns: string[]): string[] {
  return columns.filter((c) => /^ood_.+_loss$/.test(c) && !c.endsWith("_constant_loss")).map((c) => c.slice(4, -5).replace(/_/g, "-"));
}

/** Standard error of an OOD dataset's probe loss, e.g. "ood_sex_loss_se". */
export const oodSeColumn = (dataset: string): string => `${oodColumn(dataset, "loss")}_se`;
/** The constant predictor's loss on an OOD dataset's test split, e.g. "ood_sex_constant_loss". */
export const oodConstantColumn = (dataset: string): string => `ood_${dataset.replace(/[^A-Za-z0-9]/g, "_")}_constant_loss`;

/** The best loss of a run on a dataset: "id" for the ID objective, else an OOD dataset. */
export function lossOf(row: RunRow, dataset: string): number | null {
  const value = dataset === "id" ? row.best_id_loss : row[oodColumn(dataset, "loss")];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
