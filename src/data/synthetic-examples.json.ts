// Loader: one synthetic record per condition with R peaks, word boundaries and codebook token ids, and the
// codebook's summary (data-loaders/synthetic/examples.ts). Builds the codebook on first use (cached in .cache).
import "../../data-loaders/loader-errors.js";
import {buildSyntheticExamples} from "../../data-loaders/synthetic/examples.js";
import {progressLine} from "../../data-loaders/progress.js";

process.stdout.write(JSON.stringify(buildSyntheticExamples({onProgress: progressLine("synthetic examples")})));
