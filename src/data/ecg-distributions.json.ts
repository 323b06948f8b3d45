// Loader: heart rate, RR irregularity, QRS width and per-lead QRS amplitude of synthetic records and of the
// real records in ECG_DATA_DIR (default ../shared/ecg), measured the same way (data-loaders/synthetic/distributions.ts).
// The synthetic records come from the configured study's corpora (STUDY): its generator edition and OOD datasets.
import "../../data-loaders/loader-errors.js";
import {buildDistributions} from "../../data-loaders/synthetic/distributions.js";
import {progressLine} from "../../data-loaders/progress.js";
import {ecgDataDir} from "../../data-loaders/ecg/data-dir.js";
import {configuredStudySpec} from "../../data-loaders/runs/study-runs.js";

const dir = ecgDataDir();
const study = configuredStudySpec();
// The corpora of the study the report shows: its generator edition and its OOD datasets.
process.stdout.write(JSON.stringify(await buildDistributions(dir, {edition: study.corpus.edition ?? 1, ood: study.ood, onProgress: progressLine("ECG distributions")})));
