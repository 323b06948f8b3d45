// Whether the browser test asserts its time targets. Page times measure the machine as much as
// the site: on a machine whose cores are busy with other work (a training sweep), they are
// printed and marked, not asserted, unless STRICT_LOAD_TIME=1; LOAD_TIME=report never asserts.
import {availableParallelism, loadavg} from "node:os";
import type {ChartTimes} from "./chart-timing.js";

/** Load average per core above which the machine counts as busy. */
const BUSY_LOAD_PER_CORE = 1;

export function machineBusy(): {busy: boolean; load: number; cores: number} {
  const cores = availableParallelism();
  const load = loadavg()[0] ?? 0;
  return {busy: load / cores > BUSY_LOAD_PER_CORE, load, cores};
}

export function timingVerdict(times: ChartTimes, limits: {first: number; all: number}): {failures: string[]; note: string} {
  const problems: string[] = [];
  if (times.first === null || times.first >= limits.first) problems.push(`first chart at ${times.first?.toFixed(0) ?? "never"} ms (target under ${limits.first} ms)`);
  if (times.all === null || times.all >= limits.all) problems.push(`all ${times.count} charts at ${times.all?.toFixed(0) ?? "never"} ms (target under ${limits.all} ms)`);
  const {busy, load, cores} = machineBusy();
  const mode = process.env.STRICT_LOAD_TIME === "1" ? "assert" : process.env.LOAD_TIME === "report" || busy ? "report" : "assert";
  const machine = `load average ${load.toFixed(2)} on ${cores} cores`;
  if (problems.length === 0) return {failures: [], note: `within targets (${machine})`};
  if (mode === "report") return {failures: [], note: `SLOWER than target, not asserted (${busy ? "busy machine, " : ""}${machine}): ${problems.join("; ")}`};
  return {failures: problems.map((p) => `${p}; ${machine}`), note: `SLOWER than target (${machine})`};
}
