// Imported first by every loader entry (src/data/*): a bad input the user can fix (an unknown STUDY, a broken run
// file, a bad config or ECG file) ends the loader with one line that names the problem, not a stack trace.
// Anything else is a bug and keeps its stack.
import {basename} from "node:path";
import {EcgReadError} from "../training/data.js";
import {RunStoreError, UnknownStudyError} from "../training/studies.js";
import {ConfigError} from "../training/models.js";

const USER_ERRORS = [EcgReadError, RunStoreError, UnknownStudyError, ConfigError];

export function isUserError(error: unknown): error is Error {
  return USER_ERRORS.some((kind) => error instanceof kind);
}

function report(error: unknown): void {
  if (!isUserError(error)) throw error;
  const loader = basename(process.argv[1] ?? "loader");
  const hint = error instanceof RunStoreError ? " (restore it with git checkout, or delete it to retrain its run)" : error instanceof UnknownStudyError ? " (set STUDY to a known study, or unset it)" : "";
  process.stderr.write(`${loader}: ${error.message}${hint}\n`);
  process.exit(1);
}

process.on("uncaughtException", report);
process.on("unhandledRejection", report);
