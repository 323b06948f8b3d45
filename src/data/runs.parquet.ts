// Loader: one row per run of the configured study (STUDY), trained first if missing.
import "../../data-loaders/loader-errors.js";
import {loadStudyRuns} from "../../data-loaders/runs/study-runs.js";
import {runRow} from "../../data-loaders/runs/to-rows.js";
import {runsParquet} from "../../data-loaders/runs/tables.js";

const {study, runs} = await loadStudyRuns();
process.stdout.write(runsParquet(runs.map((run) => runRow(study.name, run, study.ood)), study.ood));
