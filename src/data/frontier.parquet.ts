// Loader: the study's frontier table (see data-loaders/analysis/analyse-study.ts).
import "../../data-loaders/loader-errors.js";
import {analyseStudy, rectangular} from "../../data-loaders/analysis/analyse-study.js";
import {toParquet} from "../../data-loaders/parquet.js";

const analysis = await analyseStudy((line) => process.stderr.write(line + "\n"));
process.stdout.write(toParquet(rectangular(analysis.frontier)));
