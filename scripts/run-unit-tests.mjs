// Node 20's test runner takes no globs: find test/**/*.test.ts here and hand them over.
// Extra arguments are substrings that select test files (e.g. `npm run test:unit -- wfdb`).
import {readdirSync} from "node:fs";
import {join, relative} from "node:path";
import {spawnSync} from "node:child_process";
import {availableParallelism} from "node:os";

function find(dir) {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? find(join(dir, e.name)) : e.name.endsWith(".test.ts") ? [join(dir, e.name)] : []
  );
}

const filters = process.argv.slice(2);
const files = find("test")
  .map((f) => relative(".", f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(", ")}`);
  process.exit(1);
}
// Two test files at a time on two or more cores (most tests are single-threaded; Node's default is cores - 1, one
// file at a time on the project's 2-core machines). Files that time processes or signals, or hold a fixed port, run
// afterwards, one at a time, so that a neighbour's load cannot change what they measure.
const SERIAL = ["test/unit/sweep.test.ts", "test/unit/slurm.test.ts", "test/unit/dev-server.test.ts", "test/unit/cli-train.test.ts"];
const concurrency = Math.max(1, Math.min(2, availableParallelism()));
const run = (list, jobs) =>
  list.length === 0
    ? 0
    : (spawnSync(process.execPath, ["--import", "tsx", "--test", `--test-concurrency=${jobs}`, "--test-reporter=spec", ...list], {stdio: "inherit"}).status ?? 1);
const parallel = run(files.filter((f) => !SERIAL.includes(f)), concurrency);
const serial = run(files.filter((f) => SERIAL.includes(f)), 1);
process.exit(parallel || serial);
