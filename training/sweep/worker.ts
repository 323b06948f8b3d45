// A sweep worker process: trains the runs its parent sends, one at a time, and writes
// each result to the run store itself (atomically), so a finished run is kept even if
// the parent dies a moment later. It exits when its parent goes away.
import {pathToFileURL} from "node:url";
import {resolve} from "node:path";
import {RunStore} from "../store/run-store.js";
import type {FromWorker, ToWorker, TrainerModule} from "./types.js";

const trainerPath = process.argv[2];
if (!trainerPath || !process.send) {
  console.error("usage: worker.ts <trainer module> (started by the sweep through child_process.fork)");
  process.exit(2);
}
const send = (message: FromWorker) => process.send!(message);
const trainer = ((await import(pathToFileURL(resolve(trainerPath)).href)) as {default: TrainerModule}).default;

// The IPC channel closes when the parent exits, even on SIGKILL: stop rather than train an orphan run.
process.on("disconnect", () => process.exit(0));
// That event waits for the event loop, which a training step (synchronous kernels, resolved promises) may not yield
// to for a whole run. The parent holds the run's claim: once it is gone (our parent pid changes: SIGKILL, a job step
// killed by Slurm without its children) another sweep may take the claim over, so stop at the next step and never
// write a result nobody holds a claim for.
const parent = process.ppid;
const orphaned = () => process.ppid !== parent;

process.on("message", async (message: ToWorker) => {
  if (message.type !== "train") return;
  const {run, storeDir, codeVersion} = message;
  const store = new RunStore(storeDir);
  const started = Date.now();
  try {
    const result = await trainer(run.config, {
      key: run.key,
      checkpointPath: store.checkpointPath(run.key),
      onProgress: (progress) => {
        if (orphaned()) process.exit(0);
        send({type: "progress", key: run.key, progress});
      }
    });
    if (orphaned()) process.exit(0);
    store.write({key: run.key, codeVersion, config: run.config, result});
    send({type: "done", key: run.key, seconds: (Date.now() - started) / 1000});
  } catch (error) {
    send({type: "failed", key: run.key, message: error instanceof Error ? error.message : String(error)});
  }
});

send({type: "ready"});
