// Loader: the simple-feature baseline of each OOD task of the configured study (STUDY), on the study's own OOD
// corpora (data-loaders/analysis/ood-baselines.ts): committed, cached by corpus hash, or computed without training.
import "../../data-loaders/loader-errors.js";
import {studyBaselines} from "../../data-loaders/analysis/ood-baselines.js";
import {configuredStudySpec} from "../../data-loaders/runs/study-runs.js";

const result = studyBaselines(configuredStudySpec(), {onProgress: (line) => process.stderr.write(line + "\n")});
process.stdout.write(JSON.stringify(result));
