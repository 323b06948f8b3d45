// Loader: how many record files the configured ECG folder holds (listing only, no decoding),
// so the Overview need not load the Data page's 20 MB signal bundle for one number.
import "../../data-loaders/loader-errors.js";
import {existsSync} from "node:fs";
import {findRecords} from "../../data-loaders/ecg/find-records.js";
import {ecgDataDir} from "../../data-loaders/ecg/data-dir.js";
import {publicFolder} from "../../src/lib/public-path.js";

const dataDir = ecgDataDir();
const files = existsSync(dataDir) ? findRecords(dataDir) : [];
process.stdout.write(JSON.stringify({dataDir: publicFolder(dataDir), files: files.length, wfdb: files.filter((f) => f.kind === "wfdb").length, hdf5: files.filter((f) => f.kind === "hdf5").length}));
