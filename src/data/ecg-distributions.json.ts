// Loader: heart rate, RR irregularity, QRS width and per-lead QRS amplitude of synthetic records and of the
// real records in ECG_DATA_DIR (default ../shared/ecg), measured the same way (data-loaders/synthetic/distributions.ts).
import "../../data-loaders/loader-errors.js";
import {buildDistributions} from "../../data-loaders/synthetic/distributions.js";
import {progressLine} from "../../data-loaders/progress.js";
import {ecgDataDir} from "../../training/io/data-dir.js";

const dir = ecgDataDir();
process.stdout.write(JSON.stringify(await buildDistributions(dir, {onProgress: progressLine("ECG distributions")})));
