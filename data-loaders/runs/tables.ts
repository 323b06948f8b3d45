// Explicit Parquet schemas of the runs and curves tables, so their column types do not
// depend on which runs happen to exist (an empty study still gives typed columns).
import {toParquet, type ColumnSpec, type ColumnType} from "../parquet.js";
import {oodColumn, oodConstantColumn, oodSeColumn, type CurveRow, type RunRow} from "../../src/lib/study/run-row.js";

const RUN_COLUMNS: [string, ColumnType][] = [
  ["key", "STRING"], ["study", "STRING"], ["family", "STRING"], ["architecture", "STRING"], ["paradigm", "STRING"], ["size", "STRING"],
  ["params", "DOUBLE"], ["records", "DOUBLE"], ["steps", "INT32"], ["steps_done", "INT32"], ["batch", "INT32"], ["learning_rate", "DOUBLE"],
  ["seed", "INT32"], ["macs", "DOUBLE"], ["flops", "DOUBLE"], ["stopped_early", "BOOLEAN"], ["chosen_step", "INT32"], ["best_val_loss", "DOUBLE"],
  ["best_id_loss", "DOUBLE"], ["id_loss_se", "DOUBLE"], ["best_id_auroc", "DOUBLE"], ["final_id_loss", "DOUBLE"], ["final_id_auroc", "DOUBLE"],
  ["final_train_loss", "DOUBLE"], ["backend", "STRING"], ["backend_version", "STRING"], ["threads", "INT32"],
  ["wall_seconds", "DOUBLE"], ["samples_per_second", "DOUBLE"]
];

const CURVE_COLUMNS: [string, ColumnType][] = [
  ["key", "STRING"], ["family", "STRING"], ["params", "DOUBLE"], ["records", "DOUBLE"], ["step", "INT32"], ["seconds", "DOUBLE"],
  ["train_loss", "DOUBLE"], ["val_loss", "DOUBLE"], ["id_loss", "DOUBLE"], ["id_loss_se", "DOUBLE"], ["id_auroc", "DOUBLE"]
];

function schema(base: [string, ColumnType][], datasets: string[], perRun = false): ColumnSpec[] {
  const ood = datasets.flatMap((d) => [oodColumn(d, "loss"), oodColumn(d, "auroc"), ...(perRun ? [oodSeColumn(d), oodConstantColumn(d)] : [])]);
  return [...base.map(([name, type]) => ({name, type})), ...ood.map((name) => ({name, type: "DOUBLE" as const}))];
}

export function runsParquet(rows: RunRow[], datasets: string[]): Uint8Array {
  return toParquet(rows, schema(RUN_COLUMNS, datasets, true));
}

export function curvesParquet(rows: CurveRow[], datasets: string[]): Uint8Array {
  return toParquet(rows, schema(CURVE_COLUMNS, datasets));
}
