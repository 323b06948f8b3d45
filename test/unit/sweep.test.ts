import {test, after} from "node:test";
import assert from "node:assert/strict";
import {mkdtempSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {spawn, spawnSync} from "node:child_process";
import {RunStore} from "../../training/store/run-store.js";
import {shardOf, parseShard} from "../../training/sweep/shard.js";
import {fakePlan} from "./helpers/fake-plan.js";

const DRIVER = join("test", "unit", "helpers", "sweep-driver.ts");
const made: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "ecg-sweep-"));
  made.push(dir);
  return dir;
};
after(() => made.forEach((d) => rmSync(d, {recursive: true, force: true})));

const RUNS = 10;
const MS = 300;
// Node's test runner marks its children with NODE_TEST_CONTEXT; a process started with
// it inherited would act as a test file. The driver must run as a plain program.
const {NODE_TEST_CONTEXT: _ignored, ...cleanEnv} = process.env;
const args = (store: string, shard?: string) => ["--import", "tsx", DRIVER, store, String(RUNS), String(MS), ...(shard ? [shard] : [])];

function runDriver(store: string, shard?: string): Promise<{code: number | null; out: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args(store, shard), {stdio: ["ignore", "pipe", "inherit"], env: cleanEnv});
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({code, out}));
  });
}

/** Every planned run is in the store exactly once, valid, and nothing else is left behind. */
function assertComplete(store: string): void {
  const runs = new RunStore(store).list(); // throws on any invalid file
  const expected = fakePlan(RUNS, MS).map((r) => r.key).sort();
  assert.deepEqual(runs.map((r) => r.key), expected);
  const leftovers = readdirSync(store).filter((f) => !f.endsWith(".json") && f !== "checkpoints");
  assert.deepEqual(leftovers, [], "no claims or temporary files left");
}

test("a sweep killed with SIGKILL at random moments resumes to every run exactly once", async () => {
  const store = fresh();
  // Deterministic "random" kill times (ms after start), spread over startup and training.
  const delays = [700, 1300, 450, 1900, 1100];
  const storedAfterKill: number[] = [];
  for (const delay of delays) {
    const child = spawn(process.execPath, args(store), {stdio: "ignore", env: cleanEnv});
    let finished = false;
    const exited = new Promise((r) => child.on("exit", () => r((finished = true))));
    // Count the delay from this round's first finished run, so that a slow start-up on a loaded machine does not
    // turn every kill into a kill before the first run; the other worker is then mid-run.
    const before = new RunStore(store).list().length;
    const progressed = () => readdirSync(store).filter((f) => f.endsWith(".json")).length > before;
    for (let waited = 0; !finished && !progressed() && waited < 60_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, delay / 8));
    child.kill("SIGKILL"); // a no-op if this round already finished
    await exited;
    storedAfterKill.push(new RunStore(store).list().length); // every file present after a kill is a valid run
  }
  assert.ok(storedAfterKill.some((n) => n > 0 && n < RUNS), `some kills must land mid-sweep: ${storedAfterKill}`);
  const {code} = await runDriver(store);
  assert.equal(code, 0);
  assertComplete(store);
});

test("two shards on one store train disjoint halves that together make the plan", async () => {
  const store = fresh();
  const [a, b] = await Promise.all([runDriver(store, "1/2"), runDriver(store, "2/2")]);
  assert.equal(a.code, 0);
  assert.equal(b.code, 0);
  const trainedA = JSON.parse(a.out).trained as string[];
  const trainedB = JSON.parse(b.out).trained as string[];
  assert.equal(trainedA.filter((k) => trainedB.includes(k)).length, 0);
  assertComplete(store);
});

test("two full copies of a sweep on one store never train a run twice", async () => {
  const store = fresh();
  const [a, b] = await Promise.all([runDriver(store), runDriver(store)]);
  assert.equal(a.code, 0);
  assert.equal(b.code, 0);
  const trainedA = JSON.parse(a.out).trained as string[];
  const trainedB = JSON.parse(b.out).trained as string[];
  assert.equal(trainedA.filter((k) => trainedB.includes(k)).length, 0, "no run trained by both");
  assert.equal(trainedA.length + trainedB.length, RUNS);
  assertComplete(store);
});

test("a rerun of a finished sweep trains nothing", () => {
  const store = fresh();
  const first = spawnSync(process.execPath, args(store), {encoding: "utf8", env: cleanEnv});
  assert.equal(first.status, 0);
  const second = JSON.parse(spawnSync(process.execPath, args(store), {encoding: "utf8", env: cleanEnv}).stdout);
  assert.equal(second.trained.length, 0);
  assert.equal(second.alreadyStored.length, RUNS);
});

test("shards partition the plan and --shard is checked", () => {
  const plan = fakePlan(7, 1);
  const parts = [1, 2, 3].map((i) => shardOf(plan, i, 3).map((r) => r.key));
  assert.deepEqual(parts.flat().sort(), plan.map((r) => r.key).sort());
  assert.throws(() => parseShard("0/3"), /i\/n/);
  assert.throws(() => parseShard("4/3"), /i\/n/);
  assert.deepEqual(parseShard("2/3"), {index: 2, count: 3});
});

test("SIGINT (Ctrl-C) stops a sweep at once: its claims are released, the interrupted runs are named, a rerun finishes the plan", async () => {
  const store = fresh();
  const child = spawn(process.execPath, args(store), {stdio: ["ignore", "pipe", "inherit"], env: cleanEnv});
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const claimed = () => readdirSync(store).some((f) => f.endsWith(".claim"));
  for (let waited = 0; !claimed() && waited < 60_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  assert.ok(claimed(), "the sweep started training");
  child.kill("SIGINT");
  assert.equal(await exited, 0, "the driver finishes normally after the sweep returns");
  const summary = JSON.parse(out.trim().split("\n").pop()!);
  assert.equal(summary.interrupted.signal, "SIGINT");
  assert.ok(summary.interrupted.unfinished.length >= 1);
  assert.deepEqual(summary.failed, [], "an interruption is not a failure");
  assert.deepEqual(readdirSync(store).filter((f) => f.endsWith(".claim")), [], "no claim is left to block another host");
  const stored = new RunStore(store).list().length;
  assert.ok(stored < RUNS, "it stopped before the plan was done");
  const {code} = await runDriver(store);
  assert.equal(code, 0);
  assertComplete(store);
});
