// Loader: the study's iso-loss table (see data-loaders/analysis/analyse-study.ts). Empty (typed
// columns, no rows) when no family has a joint law to draw contours from.
import "../../data-loaders/loader-errors.js";
import {analyseStudy, rectangular} from "../../data-loaders/analysis/analyse-study.js";
import {toParquet} from "../../data-loaders/parquet.js";

const COLUMNS = [
  {name: "family", type: "STRING"}, {name: "dataset", type: "STRING"}, {name: "kind", type: "STRING"},
  {name: "N", type: "DOUBLE"}, {name: "C", type: "DOUBLE"}, {name: "D", type: "DOUBLE"}, {name: "L", type: "DOUBLE"}
] as const;

const analysis = await analyseStudy((line) => process.stderr.write(line + "\n"));
process.stdout.write(toParquet(rectangular(analysis.isoLoss), COLUMNS.map((c) => ({...c}))));
