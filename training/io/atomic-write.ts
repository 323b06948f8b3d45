// Write-then-rename: a reader (or a process on another machine sharing the folder)
// sees either no file or the whole file, never half of one, even if the writer is
// killed mid-write. rename(2) is atomic within one filesystem, so the temporary file
// sits in the target's own folder.
import {closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync} from "node:fs";
import {dirname, basename, join} from "node:path";
import {hostname} from "node:os";
import {randomBytes} from "node:crypto";

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${hostname()}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, {force: true});
    throw error;
  }
}
