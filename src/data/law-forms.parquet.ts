// Loader: which joint law describes each family and dataset (see data-loaders/analysis/analyse-study.ts).
import {analyseStudy, rectangular} from "../../data-loaders/analysis/analyse-study.js";
import {toParquet} from "../../data-loaders/parquet.js";

const analysis = await analyseStudy((line) => process.stderr.write(line + "\n"));
process.stdout.write(toParquet(rectangular(analysis.forms)));
