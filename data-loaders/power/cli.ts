// `npm run power -- --design second --simulations 20`: the power of a study design. Studies are drawn
// from the laws and noise measured on a pilot study's runs (default: the committed quick study), fitted
// and decided by the report's own fit and findings code, and the share of simulated studies that decide
// each of the paper's 12 claims is printed, with the design's worker-hours from a cost model fitted on
// the run records (data-loaders/power/). Seeded and deterministic.
import {writeFileSync} from "node:fs";
import {RESAMPLES} from "../analysis/analyse-study.js";
import {RunStore, planStudy, STUDIES, studyByName, TRAINING_CODE_VERSION, describeSteps, defaultStoreDir} from "../../training/studies.js";
import {candidate, CANDIDATES} from "./designs.js";
import {errorSummary, formatHours, predictSample, sweepEstimatorPredictions, trainingExtrapolation, type CostModel} from "./cost.js";
import {costModelFromStore, pilotFromStore} from "./load.js";
import type {Pilot} from "./pilot.js";
import {designCost, MIN_DECISIVE_RESAMPLES, plannedRuns, simulateDesign, type DesignPower} from "./simulate.js";
import {sizeLabel} from "../runs/to-rows.js";
import {architectureOf, architectures} from "../../training/models.js";
import {parseArgs, usage, UsageError, type Specs, runCommand} from "../../training/command.js";

const SPECS = {
  design: {type: "string", description: `designs to simulate, comma-separated (${Object.keys(CANDIDATES).join(", ")}, or any study)`, default: "second"},
  simulations: {type: "number", description: "simulated studies per design", default: 20, integer: true, min: 0},
  seed: {type: "number", description: "seed of the simulated noise", default: 1, integer: true, min: 0},
  "pilot-study": {type: "string", description: `the study whose runs calibrate laws and noise (${Object.keys(STUDIES).join(", ")}); rerun with the second edition's first runs`, default: "quick"},
  store: {type: "string", description: "run store folder", default: defaultStoreDir()},
  resamples: {type: "number", description: `bootstrap resamples per fit (the report's: ${RESAMPLES}; below ${MIN_DECISIVE_RESAMPLES} no bootstrap claim can pass Holm's correction)`, default: RESAMPLES, integer: true, min: 10},
  "noise-scale": {type: "number", description: "multiply the pilot's seed and misfit SDs", default: 1, positive: true},
  truth: {type: "string", description: "laws the studies are drawn from: the pilot's fits, or laws under which every claim of the paper holds (at the pilot's loss levels and noise)", default: "paper", choices: ["pilot", "paper"]},
  "no-misfit": {type: "boolean", description: "draw runs from the laws plus seed noise only (no cell misfit)"},
  "cost-only": {type: "boolean", description: "print the cost model and the designs' worker-hours, simulate nothing"},
  json: {type: "string", description: "also write the results as JSON to this file"},
  keys: {type: "number", description: "print the keys of the (first) design's runs with this seed, one per line, for npm run sweep -- --runs-file (train a study seed by seed), and exit", integer: true, min: 0}
} as const satisfies Specs;
const USAGE = usage("npm run power --", SPECS);

const pct = (x: number) => `${Math.round(100 * x)}%`;

function costModel(store: RunStore, pilotStudy: string, lines: string[]): CostModel {
  const {model, samples, shape, current} = costModelFromStore(store, pilotStudy);
  const own = errorSummary(samples.map((s) => s.wall), samples.map((s) => predictSample(model, s)));
  const sweep = errorSummary(samples.map((s) => s.wall), sweepEstimatorPredictions(current, current));
  lines.push(`cost model: ${model.source}`);
  for (const [family, f] of Object.entries(model.families)) {
    lines.push(`  ${family.padEnd(16)} train ${(f.perSample.k * 1e6).toPrecision(3)} us x MACs^${f.perSample.p.toFixed(2)} per sample; evaluation ${f.perEvaluation.k.toPrecision(3)} s x MACs^${f.perEvaluation.p.toFixed(2)} each; probes ${f.probes.k.toPrecision(3)} s x MACs^${f.probes.p.toFixed(2)} once`);
  }
  const show = (e: ReturnType<typeof errorSummary>) => `median |error| ${pct(e.medianAbs)}, largest ${pct(e.maxAbs)}, sum ${e.total >= 0 ? "+" : ""}${(100 * e.total).toFixed(1)}%`;
  lines.push(`  error on the ${own.runs} runs' wall times: ${show(own)}`);
  lines.push(`  the sweep's estimator (training/sweep/estimate.ts) on the same runs: ${show(sweep)}`);
  const ex = trainingExtrapolation(shape, 17e6);
  if (ex.length) {
    lines.push(`  extrapolation in size (stale runs of another machine: fitted up to 17M MACs, scored on larger models): training time per sample ${ex.map((e) => `${e.family} ${pct(e.medianAbs)} (line ${pct(e.lineMedianAbs)})`).join(", ")}`);
  }
  return model;
}

function printPilot(pilot: Pilot, lines: string[]): void {
  lines.push(`pilot: study ${pilot.study}, ${pilot.runs} runs; per family and dataset the law fitted by the report's fit, seed SD (replicate pairs), misfit SD, correlation with the ID seed effect`);
  for (const family of pilot.families) {
    const own = pilot.laws.filter((l) => l.family === family);
    lines.push(`  ${family}: ` + own.map((l) => (l.law ? `${l.dataset} a=${l.law.alpha.toFixed(2)} b=${l.law.beta.toFixed(2)} seed ${(100 * l.seedSd).toFixed(1)}% misfit ${(100 * l.misfitSd).toFixed(1)}%${l.dataset === "id" ? "" : ` r=${l.idCorrelation.toFixed(2)}`}` : `${l.dataset} not fitted`)).join("; "));
  }
}

function describeDesign(name: string, model: CostModel): string[] {
  const study = candidate(name);
  const cost = designCost(study, model);
  const runs = plannedRuns(study);
  const n = (arch: string) => [...new Set(runs.filter((r) => architectureOf(r.family) === arch).map((r) => r.params))].sort((a, b) => a - b).map((p) => (p >= 1e4 ? `${Math.round(p / 1e3)}K` : `${(p / 1e3).toFixed(1)}K`)).join(", ");
  return [
    `design ${name}: ${study.description}`,
    `  ${cost.runs} runs; ${architectures().filter((a) => n(a.name)).map((a) => `${a.displayName} N = ${n(a.name)}`).join("; ")}; D = ${study.records.join(", ")}; ${describeSteps(study.steps)} of ${study.train?.batch ?? 64}; seeds ${study.seeds.join(", ")}${study.replicates ? `, replicate seeds ${study.replicates.seeds.join(", ")} at D = ${study.replicates.records.join(", ")}${study.replicates.families ? ` (${study.replicates.families.join(", ")})` : ""}` : ""}; corpus scale ${study.corpus.scale}`,
    `  estimated ${formatHours(cost.total)} worker-time (${Object.entries(cost.byFamily).map(([f, s]) => `${f} ${formatHours(s)}`).join(", ")}; longest run ${Math.round(cost.largestRun / 60)} min), every run to its last step`
  ];
}

function printPower(p: DesignPower, lines: string[]): void {
  lines.push(`  ${p.simulations} simulated studies: claims decided per study ${p.meanDecided.toFixed(1)} of 12 on average; at least 8 decided in ${pct(p.atLeast8)}`);
  for (const c of p.claims) {
    lines.push(`    ${c.id.padEnd(26)} decided ${pct(c.decided / c.simulations).padStart(4)} [${pct(c.lo)}-${pct(c.hi)}]  (supported ${c.supported}, not supported ${c.notSupported}, of ${c.simulations}; p < 0.05 before Holm in ${c.nominal})`);
  }
}

await runCommand(USAGE, async () => {
  const args = parseArgs(process.argv.slice(2), SPECS);
  const names = args.design!.split(",").map((s) => s.trim()).filter(Boolean);
  for (const name of names) if (!CANDIDATES[name] && !STUDIES[name]) throw new UsageError(`unknown design "${name}"; known: ${[...new Set([...Object.keys(CANDIDATES), ...Object.keys(STUDIES)])].join(", ")}`);
  if (!STUDIES[args["pilot-study"]!]) throw new UsageError(`unknown pilot study "${args["pilot-study"]}"; known: ${Object.keys(STUDIES).join(", ")}`);
  if (args.keys !== undefined) {
    const study = candidate(names[0]!);
    const runs = planStudy(study, TRAINING_CODE_VERSION).filter((r) => r.config.seed === args.keys);
    if (!runs.length) throw new UsageError(`design ${study.name} has no run with seed ${args.keys}`);
    process.stdout.write(`# ${runs.length} runs of study ${study.name} with seed ${args.keys} (training code ${TRAINING_CODE_VERSION}): npm run sweep -- --study ${study.name} --runs-file FILE\n`);
    for (const r of runs) process.stdout.write(`${r.key}  # ${r.config.family} ${sizeLabel(r.config)} D=${r.config.records}\n`);
    return;
  }
  const store = new RunStore(args.store!);
  const pilotStudy = studyByName(args["pilot-study"]!);
  const out = (line: string) => process.stdout.write(line + "\n");
  const lines: string[] = [];
  const model = costModel(store, pilotStudy.name, lines);
  const pilot = pilotFromStore(store, pilotStudy.name);
  printPilot(pilot, lines);
  lines.forEach(out);
  if (args.resamples! < MIN_DECISIVE_RESAMPLES) out(`warning: ${args.resamples} resamples: no claim decided by a bootstrap can pass Holm's correction (needs ${MIN_DECISIVE_RESAMPLES}); for tests only`);
  const results: {design: string; hours: number; power: DesignPower | null}[] = [];
  for (const name of names) {
    const desc = describeDesign(name, model);
    desc.forEach(out);
    const hours = designCost(candidate(name), model).total / 3600;
    let power: DesignPower | null = null;
    if (!args["cost-only"] && args.simulations! > 0) {
      power = simulateDesign(pilot, candidate(name), {
        simulations: args.simulations!,
        seed: args.seed!,
        resamples: args.resamples!,
        noiseScale: args["noise-scale"]!,
        misfit: !args["no-misfit"],
        truth: args.truth as "pilot" | "paper",
        onSimulation: (i, v) => process.stderr.write(`  ${name}: simulation ${i + 1}/${args.simulations}: ${Object.values(v).filter((x) => x.verdict !== "undetermined").length} claims decided, ${Object.values(v).filter((x) => (x.p ?? 1) < 0.05).length} with p < 0.05 before Holm\n`)
      });
      const block: string[] = [];
      printPower(power, block);
      block.forEach(out);
    }
    results.push({design: name, hours, power});
  }
  out(`reproduce: npm run power -- --design ${names.join(",")} --simulations ${args.simulations} --seed ${args.seed} --pilot-study ${pilotStudy.name} --truth ${args.truth}${args.resamples !== RESAMPLES ? ` --resamples ${args.resamples}` : ""}${args["noise-scale"] !== 1 ? ` --noise-scale ${args["noise-scale"]}` : ""}${args["no-misfit"] ? " --no-misfit" : ""}`);
  if (args.json) writeFileSync(args.json, JSON.stringify({pilot: pilotStudy.name, truth: args.truth, seed: args.seed, resamples: args.resamples, noiseScale: args["noise-scale"], misfit: !args["no-misfit"], results}, null, 1) + "\n");
});
