// Public entry of training/ for command-line plumbing shared with the loaders' commands (npm run power, npm run
// audit): the command shell (--help, clean one-line errors and exit codes) and the argument parser and its usage
// text. Code outside training/ imports these from here (or from data.ts, models.ts, studies.ts), never from the
// modules behind them. Re-exports only.
export {runCommand} from "./cli/main.js";
export {parseArgs, usage, UsageError, type Specs} from "./cli/args.js";
