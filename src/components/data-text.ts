// Sentences of the Data page that depend on what the ECG folder held, so that an empty folder or
// a missing record reads as such (not "undefined signals at undefined Hz", not "every file
// decoded" when none was read), and a builder's local path never reaches the published page.
import type {BundleEntry} from "../lib/ecg-bundle.js";
export {publicFolder, withoutLocalPath} from "../lib/public-path.js";

/** The caption of the record chart: what is drawn, or why nothing is. */
export function recordCaption(entry: BundleEntry | undefined | null, twelveLead: boolean, rawSeconds: number): string {
  if (!entry) return "No record to show: the ECG folder holds no record this report could read.";
  const rate = entry.fs != null ? `${entry.fs} Hz` : "an unknown rate";
  if (twelveLead) return `The 12 leads at 25 mm/s and 10 mm/mV, with a rhythm strip of lead II. Grey: as read (first ${rawSeconds} s at ${rate}); black: preprocessed to 100 Hz.`;
  const leads = entry.leads?.length;
  return `Not a 12-lead record: ${leads ? `each of its ${leads} signals` : "its signals"} as read (first ${rawSeconds} s at ${rate}).`;
}

/** The line under "Files that were refused" when none was. */
export function noneRefusedText(filesRead: number): string {
  return filesRead === 0
    ? "None: no file was read (the ECG folder is empty or missing), so none could be refused."
    : `None: all ${filesRead} files decoded, with every checksum matching.`;
}
