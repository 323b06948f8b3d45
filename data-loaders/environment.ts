// What the Methods and Overview pages say about the set-up, taken from the code and the
// installed packages rather than typed into the pages: the configured study and every
// other study's size, package versions, the backends the stored runs trained on, the
// training and model defaults, the preprocessing (with the notches actually applied at
// each device rate), the probe and codebook settings, the analysis settings, and the
// exact commands that reproduce the report. Reads the run store but never trains.
import {execFileSync} from "node:child_process";
import {cpus} from "node:os";
import {readFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {
  trainingCost,
  RESNET_DROPOUT,
  resnetBackboneConfig,
  RESNET_KERNEL,
  RESNET_DOWNSAMPLE,
  PROJECTION_DIMS,
  CMSC_TEMPERATURE,
  type ResNetSize,
  MASK_RATIO,
  learningRate,
  TRAIN_DEFAULTS,
  type TrainConfig,
  type RunRecord,
  PREVALENCE_FLOOR,
  PROBE_LAMBDAS,
  PROBE_MAX_ITERATIONS,
  PROBE_TOLERANCE,
  HELD_OUT_MASKS,
  HELD_OUT_PASSES,
  HELD_OUT_SEED
} from "../training/models.js";
import {
  HEARTLANG,
  codebookConfig,
  CODEBOOK_VERSION,
  DEFAULT_CODEBOOK_K,
  CORPUS_VERSION,
  corpusConfig,
  DATASET_SPECS,
  ID_CORPUS,
  type CorpusName,
  DEFAULT_PREPROCESS_OPTIONS,
  activeNotches,
  NOTCH_REDUNDANT_DB,
  designResampler,
  resamplerGain,
  planCorpus
} from "../training/data.js";
import {
  RunStore,
  defaultStoreDir,
  planStudy,
  STUDIES,
  studyByName,
  type Study,
  describeEvaluation,
  describeSteps,
  evalEveryFor,
  studySteps,
  TRAINING_CODE_VERSION
} from "../training/studies.js";
import {DEFAULT_EXPONENT_BOUNDS} from "../src/lib/scaling/joint-law.js";
import {DEFAULT_HUBER_DELTA} from "../src/lib/scaling/huber.js";
import {runBootstrap} from "../src/lib/scaling/bootstrap.js";
import {EXPONENT_ZERO, SIGNIFICANCE, UNSEEN_TASKS} from "../src/lib/study/findings.js";
import {RESAMPLES} from "./analysis/analyse-study.js";
import {configuredStudy, staleRuns} from "./runs/study-runs.js";
import {sizeLabel} from "./runs/to-rows.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Reference values of the paper and of HeartLang that the code has no constant for (cited on the Methods page). */
const PAPER_REFERENCE = {
  /** HeartLang's VQ-VAE beat codebook (Jin et al. 2025), the paper's off-the-shelf Transformer-SSL targets. */
  heartlangCodebookK: 8192
};

const PACKAGES = [
  "@tensorflow/tfjs-core",
  "@tensorflow/tfjs-backend-wasm",
  "@tensorflow/tfjs-backend-cpu",
  "@tensorflow/tfjs-node",
  "@tensorflow/tfjs-node-gpu",
  "@observablehq/framework",
  "@observablehq/plot",
  "@observablehq/inputs",
  "@duckdb/duckdb-wasm",
  "apache-arrow",
  "hyparquet",
  "hyparquet-writer",
  "h5wasm",
  "d3",
  "typescript",
  "tsx",
  "playwright-core"
];

function packageVersion(name: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(REPO, "node_modules", name, "package.json"), "utf8")) as {version: string}).version;
  } catch {
    return null;
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"]}).trim() || null;
  } catch {
    return null;
  }
}

function studySummary(study: Study) {
  const batch = study.train?.batch ?? TRAIN_DEFAULTS.batch;
  const sizes = {
    resnet: study.sizes.resnet.map((s) => `${s.units}x${s.width}`),
    transformer: study.sizes.transformer.map((s) => `${s.layers}x${s.dModel}x${s.heads}x${s.dFfn}`)
  };
  return {
    name: study.name,
    description: study.description,
    families: study.families,
    sizes,
    records: study.records,
    // The largest D's budget (the schedule figure's run); the rule and every D's steps beside it.
    steps: largestSteps(study),
    evalEvery: evalEveryFor(study.evalEvery, largestSteps(study)),
    stepsByRecords: studySteps(study, batch),
    stepsText: describeSteps(study.steps),
    evaluationText: describeEvaluation(study.evalEvery),
    batch,
    learningRate: study.train?.learningRate ?? TRAIN_DEFAULTS.learningRate,
    ood: study.ood,
    seeds: study.seeds,
    corpusScale: study.corpus.scale,
    evalScale: study.corpus.evalScale ?? null,
    runs: planStudy(study, TRAINING_CODE_VERSION).length,
    // Label-scaling studies: the scenarios, fractions and loss of their supervised runs.
    labelSubsets: study.labelSubsets ?? null
  };
}

/** Backends of the stored runs of the configured study (read-only: never trains). */
function storedBackends(study: Study) {
  const store = new RunStore(defaultStoreDir());
  const plan = planStudy(study, TRAINING_CODE_VERSION, trainingCost);
  const stored = plan.filter((r) => store.has(r.key)).map((r) => store.read<TrainConfig, RunRecord>(r.key)!);
  const groups = new Map<string, {name: string; package: string; version: string; coreVersion: string; threads: number; trainingKernels: boolean; blas: string | null; runs: number}>();
  for (const run of stored) {
    const b = run.result.backend;
    const k = JSON.stringify([b.name, b.version, b.threads, b.native?.blas ?? null, b.trainingKernels]);
    const g = groups.get(k) ?? {name: b.name, package: b.package, version: b.version, coreVersion: b.coreVersion, threads: b.threads, trainingKernels: b.trainingKernels, blas: b.native?.blas ?? null, runs: 0};
    g.runs++;
    groups.set(k, g);
  }
  const first = plan[0]?.config;
  return {planned: plan.length, stored: stored.length, stale: staleRuns(store, plan), backends: [...groups.values()], firstRun: first};
}

/** Anti-alias attenuation (dB) of the resampler from `fs` to the study rate at `f` Hz, and the notches kept. */
function notchTable() {
  const target = DEFAULT_PREPROCESS_OPTIONS.targetFs;
  const rates = [...new Set(Object.values(DATASET_SPECS).flatMap((s) => (s.device ? [corpusConfig(s.name).device!.fs] : [])))].sort((a, b) => a - b);
  return rates.map((fs) => {
    const design = designResampler(fs, target);
    const db = (f: number) => 20 * Math.log10(Math.max(resamplerGain(design, f), 1e-12));
    return {fs, notches: activeNotches(DEFAULT_PREPROCESS_OPTIONS.notchHz, fs, design), attenuation50Db: db(50), attenuation60Db: db(60)};
  });
}

/** Records per split of a patient-split corpus (from its plan: no signal is rendered). */
function recordCounts(plan: ReturnType<typeof planCorpus>) {
  return {trainRecords: plan.train.length, valRecords: plan.val.length, testRecords: plan.test.length};
}

function corpora(study: Study) {
  const names: CorpusName[] = [ID_CORPUS, ...(study.ood as CorpusName[])];
  return names.map((name) => {
    const c = corpusConfig(name, {scale: study.corpus.scale, seed: study.corpus.seed, evalScale: study.corpus.evalScale, edition: study.corpus.edition});
    const spec = DATASET_SPECS[name];
    const size =
      c.size.kind === "records"
        ? {train: c.size.train, val: c.size.val, test: c.size.test, patients: null, valPatients: null, testPatients: null, recordsPerPatient: null}
        : {train: null, val: null, test: null, patients: c.size.patients, valPatients: c.size.valPatients, testPatients: c.size.testPatients, recordsPerPatient: c.size.recordsPerPatient.length, ...recordCounts(planCorpus(c))};
    return {
      name,
      role: c.role,
      mirrors: spec.mirrors,
      task: c.task.kind,
      classes: c.task.classes,
      device: c.device?.name ?? null,
      fs: c.device?.fs ?? DEFAULT_PREPROCESS_OPTIONS.targetFs,
      mainsHz: c.device?.mainsHz ?? null,
      ...size
    };
  });
}

function largestSteps(study: Study): number {
  return Math.max(...studySteps(study, study.train?.batch ?? TRAIN_DEFAULTS.batch));
}

function schedule(study: Study, points = 200) {
  const steps = largestSteps(study);
  const peak = study.train?.learningRate ?? TRAIN_DEFAULTS.learningRate;
  const s = {peak, warmupSteps: Math.round((study.train?.warmupFraction ?? TRAIN_DEFAULTS.warmupFraction) * steps), totalSteps: steps, minRatio: study.train?.minLrRatio ?? TRAIN_DEFAULTS.minLrRatio};
  const at = [...new Set(Array.from({length: points + 1}, (_, i) => Math.min(steps - 1, Math.round((i * (steps - 1)) / points))))];
  return {...s, points: at.map((step) => ({step, lr: learningRate(step, s)}))};
}

export function buildEnvironment() {
  const name = configuredStudy();
  const study = studyByName(name);
  const {planned, stored, stale, backends, firstRun} = storedBackends(study);
  const codebook = codebookConfig();
  const largest = study.sizes.resnet[study.sizes.resnet.length - 1];
  const unitWidths = resnetBackboneConfig(largest as ResNetSize, 1000, 0);
  const bootstrapLevel = runBootstrap(1, {x: 0}, () => ({x: 0}), {resamples: 1}).level;
  const paper = studyByName("paper");
  const trainCommand = firstRun
    ? `npm run train -- --family ${firstRun.family} --size ${sizeLabel(firstRun)} --records ${firstRun.records} --steps ${firstRun.steps} --eval-every ${firstRun.evalEvery} --batch ${firstRun.batch} --seed ${firstRun.seed} --scale ${firstRun.corpus.scale}${firstRun.corpus.evalScale !== undefined ? ` --eval-scale ${firstRun.corpus.evalScale}` : ""} --ood ${firstRun.ood.join(",")}`
    : null;
  return {
    study: {...studySummary(study), planned, stored, missing: planned - stored, stale: stale.length, staleKeys: stale.map((r) => r.key), staleVersions: [...new Set(stale.map((r) => r.codeVersion))]},
    studies: Object.values(STUDIES).map(studySummary),
    build: {node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length, commit: gitCommit()},
    versions: {
      trainingCode: TRAINING_CODE_VERSION,
      corpus: CORPUS_VERSION,
      codebook: CODEBOOK_VERSION,
      packages: PACKAGES.map((p) => ({name: p, version: packageVersion(p)}))
    },
    backends,
    training: {
      ...TRAIN_DEFAULTS,
      paperBatch: paper.train?.batch ?? null,
      paperSteps: largestSteps(paper),
      paperMaxRecords: Math.max(...paper.records),
      schedule: schedule(study)
    },
    models: {
      resnet: {
        kernel: RESNET_KERNEL,
        downsample: RESNET_DOWNSAMPLE,
        dropout: RESNET_DROPOUT,
        projectionDims: PROJECTION_DIMS,
        cmscTemperature: CMSC_TEMPERATURE,
        example: {size: `${largest.units}x${largest.width}`, stem: unitWidths.stem, units: unitWidths.units}
      },
      transformer: {...HEARTLANG, maskRatio: MASK_RATIO},
      paperGrids: {resnet: paper.sizes.resnet.map((s) => `${s.units}x${s.width}`), transformer: paper.sizes.transformer.map((s) => `${s.layers}x${s.dModel}x${s.heads}x${s.dFfn}`)},
      studyGrids: {resnet: study.sizes.resnet.map((s) => ({units: s.units, width: s.width})), transformer: study.sizes.transformer}
    },
    codebook: {
      k: DEFAULT_CODEBOOK_K,
      heartlangK: PAPER_REFERENCE.heartlangCodebookK,
      fitWords: codebook.words.fit,
      heldOutWords: codebook.words.heldOut,
      dim: codebook.words.dim,
      stdFloorMv: codebook.words.stdFloorMv,
      tolerance: codebook.tolerance,
      maxIterations: codebook.maxIterations
    },
    preprocess: {...DEFAULT_PREPROCESS_OPTIONS, notchRedundantDb: NOTCH_REDUNDANT_DB, notches: notchTable()},
    heldOut: {seed: HELD_OUT_SEED, passes: HELD_OUT_PASSES, masks: HELD_OUT_MASKS},
    probe: {lambdas: [...PROBE_LAMBDAS], tolerance: PROBE_TOLERANCE, maxIterations: PROBE_MAX_ITERATIONS, prevalenceFloor: PREVALENCE_FLOOR},
    corpora: corpora(study),
    analysis: {
      resamples: RESAMPLES,
      level: bootstrapLevel,
      huberDelta: DEFAULT_HUBER_DELTA,
      exponentBounds: DEFAULT_EXPONENT_BOUNDS,
      exponentZero: EXPONENT_ZERO,
      significance: SIGNIFICANCE,
      unseenTasks: UNSEEN_TASKS.filter((d) => study.ood.includes(d))
    },
    commands: {
      install: "npm ci",
      build: "npm run build",
      buildStudy: `STUDY=${name} npm run build`,
      noTrain: "NO_TRAIN=1 npm run build",
      test: "npm test",
      sweep: `npm run sweep -- --study ${name}`,
      sweepDry: `npm run sweep -- --study ${name} --dry-run`,
      shard: `npm run sweep -- --study ${name} --shard i/n`,
      train: trainCommand,
      preview: "npm run dev",
      clean: "npm run clean"
    }
  };
}

export type Environment = ReturnType<typeof buildEnvironment>;
