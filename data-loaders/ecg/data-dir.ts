// The folder of real ECG records the loaders read (ECG_DATA_DIR, default ../shared/ecg), for the loader entries.
export {ecgDataDir} from "../../training/data.js";
