// Loader: the Data page's record bundle, from the folder in ECG_DATA_DIR (default ../shared/ecg).
import "../../data-loaders/loader-errors.js";
import {buildEcgBundle} from "../../data-loaders/ecg/build-bundle.js";
import {ecgDataDir} from "../../data-loaders/ecg/data-dir.js";
import {progressLine} from "../../data-loaders/progress.js";

const dir = ecgDataDir();
const bytes = await buildEcgBundle(dir, {onProgress: progressLine(`reading ECG records from ${dir}`)});
process.stdout.write(bytes);
