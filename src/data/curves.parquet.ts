// Loader: one row per evaluation point of every run of the configured study (STUDY).
import "../../data-loaders/loader-errors.js";
import {loadStudyRuns} from "../../data-loaders/runs/study-runs.js";
import {curveRows} from "../../data-loaders/runs/to-rows.js";
import {curvesParquet} from "../../data-loaders/runs/tables.js";

const {study, runs} = await loadStudyRuns();
process.stdout.write(curvesParquet(runs.flatMap((run) => curveRows(run, study.ood)), study.ood));
