// prebuild: stop before `observable build` (which clears dist/) when STUDY or the run store is unusable.
import {buildInputProblems} from "../data-loaders/build-inputs.js";

const problems = buildInputProblems();
if (problems.length > 0) {
  process.stderr.write(`The report cannot be built; the previous dist/ is kept.\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
  process.exit(1);
}
