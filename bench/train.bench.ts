// Training speed of the study's reference shapes: full steps (forward, backward, Adam) at batch 64 on the
// study's input (1000 x 12 for the ResNet; 256 beat tokens of 96 samples for the Transformer), after warm-up.
// Prints params, forward MACs per sample, samples/s and GFLOP/s (6 x MACs x batch / step time), and, when
// /usr/bin/python3 has torch (Debian: python3-torch libopenblas0-openmp), the same for PyTorch running
// /work/shared/bench/torch_reference.py with the same shape and thread count, and the ratio tfjs / PyTorch.
// Every measurement is a fresh process; tfjs and PyTorch alternate (A B A B ...) and medians are compared.
// Never run it next to another heavy process: busy cores make both sides, and the ratio, meaningless.
//
// Usage: npm run bench:train -- [--shapes resnet-8,transformer-48] [--threads 1,2] [--rounds 2]
//          [--seconds 8] [--steps N] [--warmup 2] [--batch 64] [--no-torch] [--json results.jsonl]
//        npm run bench:train -- --profile --shapes resnet-32 [--threads 1]   (time per tfjs kernel, no PyTorch)
// --micro-batch N overrides the micro-batch the heap estimate picks (the worker prints the heap it reached).
// ECG_NATIVE=0 measures the wasm kernels alone (without the native GEMM kernels).
// Target: ratio >= 0.5 for every shape at one thread.
import {spawnSync} from "node:child_process";
import {appendFileSync, existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import {
  backendInfo,
  initBackend,
  binaryCrossEntropyWithLogits,
  resnet,
  transformer,
  type Model,
  accumulateGradients,
  measureStepMemory,
  pickMicroBatchSize,
  type BatchTensors
} from "../training/models.js";

const TORCH_PYTHON = "/usr/bin/python3";
const TORCH_SCRIPT = "/work/shared/bench/torch_reference.py";
const OUTPUTS = 6;

interface Shape {
  name: string;
  family: "resnet" | "transformer";
  resnet?: {stem: number; units: number[]};
  transformer?: {layers: number; dModel: number; heads: number; dFfn: number};
}

const SHAPES: Shape[] = [
  {name: "resnet-8", family: "resnet", resnet: {stem: 8, units: [16, 24, 32, 40]}},
  {name: "resnet-16", family: "resnet", resnet: {stem: 16, units: [32, 48, 64, 80]}},
  {name: "resnet-32", family: "resnet", resnet: {stem: 32, units: [64, 98, 128, 160]}},
  {name: "transformer-48", family: "transformer", transformer: {layers: 1, dModel: 48, heads: 2, dFfn: 192}},
  {name: "transformer-128", family: "transformer", transformer: {layers: 2, dModel: 128, heads: 4, dFfn: 512}},
  {name: "transformer-192", family: "transformer", transformer: {layers: 3, dModel: 192, heads: 4, dFfn: 768}}
];

/** One side's measurement of one shape (the JSON line a worker prints). */
interface Measurement {
  framework: string;
  threads: number;
  params: number;
  fwd_macs: number;
  batch: number;
  micro_batch?: number;
  heap_mb?: number;
  step_ms_median: number;
  steps: number;
  samples_per_s: number;
  gflops: number;
  backend?: unknown;
}

interface Options {
  profile: boolean;
  shapes: Shape[];
  threads: number[];
  rounds: number;
  seconds: number;
  steps?: number;
  warmup: number;
  batch: number;
  microBatch?: number;
  torch: boolean;
  json?: string;
}

function parseArgs(argv: string[]): Options & {worker?: string; shape?: string} {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const names = get("--shapes") ?? get("--shape");
  const shapes = names ? names.split(",").map((n) => SHAPES.find((s) => s.name === n) ?? fail(`unknown shape ${n}: ${SHAPES.map((s) => s.name).join(", ")}`)) : SHAPES;
  const steps = get("--steps");
  return {
    worker: get("--worker"),
    profile: argv.includes("--profile"),
    shape: names,
    shapes,
    threads: (get("--threads") ?? "1,2").split(",").map(Number),
    rounds: Number(get("--rounds") ?? 2),
    seconds: Number(get("--seconds") ?? 8),
    steps: steps === undefined ? undefined : Number(steps),
    warmup: Number(get("--warmup") ?? 2),
    batch: Number(get("--batch") ?? 64),
    microBatch: get("--micro-batch") === undefined ? undefined : Number(get("--micro-batch")),
    torch: !argv.includes("--no-torch"),
    json: get("--json")
  };
}

function fail(message: string): never {
  console.error(`bench:train: ${message}`);
  process.exit(2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

// ---------------------------------------------------------------- worker: one tfjs measurement

function build(shape: Shape): {model: Model<never>; batch: (n: number) => BatchTensors & {targets: tf.Tensor}} {
  if (shape.family === "resnet") {
    const model = resnet({...shape.resnet!, kernel: 16, downsample: 4, inputLength: 1000, leads: 12, outputs: OUTPUTS});
    const batch = (n: number) => ({x: tf.randomNormal([n, 1000, 12], 0, 1, "float32", 1), targets: targets(n)});
    return {model: model as unknown as Model<never>, batch};
  }
  const model = transformer({...shape.transformer!, tokens: 256, tokenLength: 96, outputs: OUTPUTS});
  const batch = (n: number) => ({
    words: tf.randomNormal([n, 256, 96], 0, 1, "float32", 1),
    leads: tf.randomUniform([n, 256], 1, 13, "int32", 2),
    times: tf.randomUniform([n, 256], 1, 11, "int32", 3),
    targets: targets(n)
  });
  return {model: model as unknown as Model<never>, batch};
}

const targets = (n: number) => tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([n, OUTPUTS], 0, 1, "float32", 4), 0.7), "float32"));

async function worker(options: Options): Promise<void> {
  const shape = options.shapes[0]!;
  await initBackend({backend: "wasm", threads: options.threads[0]});
  const {model, batch} = build(shape);
  const data = batch(options.batch);
  const inputs = (b: BatchTensors) => ((b as {x?: tf.Tensor}).x ?? b) as never;
  const lossFn = (b: BatchTensors & {targets: tf.Tensor}) => binaryCrossEntropyWithLogits(model.apply(inputs(b), {training: true}), b.targets);
  // the micro-batch the trainer would use: measured on 1 and 2 samples, against the 4 GB wasm heap
  const memory = await measureStepMemory((b: BatchTensors & {targets: tf.Tensor}) => tf.variableGrads(() => lossFn(b), model.trainable).grads, data);
  const microBatchSize = options.microBatch ?? pickMicroBatchSize(options.batch, memory).microBatchSize;
  const optimizer = tf.train.adam(1e-3);
  const step = () => {
    const {value, grads} = accumulateGradients(lossFn, data, microBatchSize, model.trainable);
    optimizer.applyGradients(grads as unknown as Parameters<typeof optimizer.applyGradients>[0]);
    value.dataSync(); // wait for the step (wasm is synchronous; this keeps it honest for other backends)
    tf.dispose([value, ...Object.values(grads)]);
  };
  for (let i = 0; i < options.warmup; i++) step();
  const times: number[] = [];
  const start = performance.now();
  while (options.steps !== undefined ? times.length < options.steps : times.length < 5 || performance.now() - start < options.seconds * 1e3) {
    const t = performance.now();
    step();
    times.push(performance.now() - t);
  }
  const ms = median(times);
  const result: Measurement = {
    framework: `tfjs-${backendInfo().name}`,
    threads: backendInfo().threads,
    params: model.params,
    fwd_macs: model.forwardMacs,
    batch: options.batch,
    micro_batch: microBatchSize,
    heap_mb: Math.round(((tf.backend() as unknown as {wasm?: {HEAPU8: Uint8Array}}).wasm?.HEAPU8.length ?? 0) / 2 ** 20),
    step_ms_median: Math.round(ms * 100) / 100,
    steps: times.length,
    samples_per_s: Math.round((options.batch / ms) * 1e4) / 10,
    gflops: Math.round(((6 * model.forwardMacs * options.batch) / ms / 1e6) * 100) / 100,
    backend: backendInfo()
  };
  console.log(JSON.stringify(result));
}

// ---------------------------------------------------------------- profile: where a tfjs step's time goes

/** Times every top-level kernel call of a few training steps (nested calls count in their caller). */
async function profile(options: Options): Promise<void> {
  const shape = options.shapes[0]!;
  await initBackend({backend: "wasm", threads: options.threads[0]});
  const {model, batch} = build(shape);
  const data = batch(options.batch);
  const inputs = ((data as {x?: tf.Tensor}).x ?? data) as never;
  const optimizer = tf.train.adam(1e-3);
  const step = () => {
    const loss = optimizer.minimize(() => binaryCrossEntropyWithLogits(model.apply(inputs, {training: true}), data.targets), true, model.trainable);
    loss?.dataSync();
    loss?.dispose();
  };
  const stats = new Map<string, {ms: number; calls: number}>();
  let active = false, depth = 0;
  for (const config of tf.getKernelsForBackend(tf.getBackend())) {
    const inner = config.kernelFunc;
    (config as {kernelFunc: typeof inner}).kernelFunc = (args) => {
      if (!active || depth > 0) return inner(args);
      depth++;
      const t = performance.now();
      try {
        return inner(args);
      } finally {
        depth--;
        const e = stats.get(config.kernelName) ?? {ms: 0, calls: 0};
        e.ms += performance.now() - t;
        e.calls++;
        stats.set(config.kernelName, e);
      }
    };
  }
  for (let i = 0; i < options.warmup; i++) step();
  const steps = options.steps ?? 3;
  active = true;
  const start = performance.now();
  for (let i = 0; i < steps; i++) step();
  const total = (performance.now() - start) / steps;
  active = false;
  const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const inKernels = rows.reduce((s, [, e]) => s + e.ms, 0) / steps;
  console.log(`${shape.name}, batch ${options.batch}, ${JSON.stringify(backendInfo().native ?? backendInfo().nativeUnavailable)}`);
  console.log(`step ${total.toFixed(1)} ms, of which in kernels ${inKernels.toFixed(1)} ms`);
  for (const [name, e] of rows.slice(0, 25)) console.log(`${(e.ms / steps).toFixed(1).padStart(9)} ms ${String(e.calls / steps).padStart(6)} calls  ${name}`);
}

// ---------------------------------------------------------------- driver: alternate fresh processes

function torchArgs(shape: Shape, threads: number, options: Options): string[] {
  const common = ["--batch", String(options.batch), "--threads", String(threads), "--seconds", String(options.seconds), "--outputs", String(OUTPUTS)];
  if (shape.family === "resnet") {
    const r = shape.resnet!;
    return [TORCH_SCRIPT, "resnet", "--stem", String(r.stem), "--widths", r.units.join(","), "--kernel", "16", "--downsample", "4", "--length", "1000", "--leads", "12", ...common];
  }
  const t = shape.transformer!;
  return [TORCH_SCRIPT, "transformer", "--layers", String(t.layers), "--d-model", String(t.dModel), "--heads", String(t.heads), "--d-ffn", String(t.dFfn), "--embed", "linear", "--tokens", "256", "--word", "96", ...common];
}

function runJson(command: string, args: string[], env: NodeJS.ProcessEnv): Measurement {
  const r = spawnSync(command, args, {encoding: "utf8", env, maxBuffer: 1 << 24, timeout: 20 * 60 * 1000});
  const line = r.stdout?.split("\n").reverse().find((l) => l.startsWith("{"));
  if (r.status !== 0 || !line) throw new Error(`${command} ${args.slice(0, 3).join(" ")} failed (${r.status}): ${(r.stderr ?? "").slice(-2000)}`);
  return JSON.parse(line) as Measurement;
}

function torchAvailable(): boolean {
  if (!existsSync(TORCH_PYTHON) || !existsSync(TORCH_SCRIPT)) return false;
  return spawnSync(TORCH_PYTHON, ["-c", "import torch"], {encoding: "utf8"}).status === 0;
}

function measureTfjs(shape: Shape, threads: number, options: Options): Measurement {
  const self = fileURLToPath(import.meta.url);
  const args = ["--import", "tsx", self, "--worker", "tfjs", "--shapes", shape.name, "--threads", String(threads), "--seconds", String(options.seconds), "--warmup", String(options.warmup), "--batch", String(options.batch)];
  if (options.steps !== undefined) args.push("--steps", String(options.steps));
  if (options.microBatch !== undefined) args.push("--micro-batch", String(options.microBatch));
  return runJson(process.execPath, args, process.env);
}

function measureTorch(shape: Shape, threads: number, options: Options): Measurement {
  // OpenMP threads must not spin-wait past their work (they would steal the other side's cores)
  return runJson(TORCH_PYTHON, torchArgs(shape, threads, options), {...process.env, OMP_NUM_THREADS: String(threads), OMP_WAIT_POLICY: "PASSIVE"});
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

async function driver(options: Options): Promise<void> {
  const torch = options.torch && torchAvailable();
  if (options.torch && !torch) console.log(`(no PyTorch: ${TORCH_PYTHON} cannot import torch, or ${TORCH_SCRIPT} is missing; printing tfjs only)`);
  console.log(`batch ${options.batch}; ${options.rounds} alternating round(s) per shape, fresh process each; medians`);
  console.log(
    ["shape", "thr", "params", "MMAC/smp", "micro", "tfjs smp/s", "tfjs GF/s", "torch smp/s", "torch GF/s", "ratio", "ref"].map((h, i) => pad(h, [16, 4, 9, 9, 6, 11, 10, 12, 11, 7, 5][i]!)).join(" ")
  );
  for (const shape of options.shapes) {
    for (const threads of options.threads) {
      const ours: Measurement[] = [], theirs: Measurement[] = [];
      for (let round = 0; round < options.rounds; round++) {
        ours.push(measureTfjs(shape, threads, options));
        if (torch) theirs.push(measureTorch(shape, threads, options));
      }
      const tfjsMs = median(ours.map((m) => m.step_ms_median));
      const torchMs = theirs.length ? median(theirs.map((m) => m.step_ms_median)) : NaN;
      const first = ours[0]!;
      if (shape === options.shapes[0] && threads === options.threads[0]) {
        const b = first.backend as {name: string; version: string; native: {blas: string} | null; nativeUnavailable?: string};
        console.log(`(tfjs: ${b.name} ${b.version}, native kernels: ${b.native ? b.native.blas : `off (${b.nativeUnavailable})`})`);
      }
      const ref = theirs[0];
      const agrees = ref ? (ref.params === first.params && ref.fwd_macs === first.fwd_macs ? "ok" : "DIFF") : "-";
      const sps = (ms: number) => (options.batch / ms) * 1e3;
      const gf = (ms: number) => (6 * first.fwd_macs * options.batch) / ms / 1e6;
      console.log(
        [
          shape.name, threads, first.params, (first.fwd_macs / 1e6).toFixed(2), first.micro_batch ?? "-",
          sps(tfjsMs).toFixed(1), gf(tfjsMs).toFixed(2),
          torch ? sps(torchMs).toFixed(1) : "-", torch ? gf(torchMs).toFixed(2) : "-",
          torch ? (torchMs / tfjsMs).toFixed(2) : "-", agrees
        ].map((v, i) => pad(v, [16, 4, 9, 9, 6, 11, 10, 12, 11, 7, 5][i]!)).join(" ")
      );
      if (ref && agrees !== "ok") console.log(`  reference counts differ: params ${ref.params} vs ${first.params}, MACs ${ref.fwd_macs} vs ${first.fwd_macs}`);
      if (options.json) {
        const record = {shape: shape.name, threads, tfjs: ours, torch: theirs, ratio: torch ? torchMs / tfjsMs : null, time: new Date().toISOString()};
        appendFileSync(options.json, `${JSON.stringify(record)}\n`);
      }
    }
  }
}

const options = parseArgs(process.argv.slice(2));
if (options.worker === "tfjs") await worker(options);
else if (options.profile) await profile({...options, threads: [options.threads[0] ?? 1]});
else await driver(options);
