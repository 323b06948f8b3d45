// Shared shell for the project's commands: clean one-line errors instead of stack traces
// (the wasm backend's runtime would otherwise print its whole source on an uncaught error).
import {UsageError} from "./args.js";
import {ConfigError} from "../train/config.js";

export async function runCommand(usageText: string, main: () => Promise<void>): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usageText}\n`);
    process.exit(0);
  }
  try {
    await main();
  } catch (error) {
    // A config the user asked for that cannot be (a bad value, a run too large for the machine) is a usage error too.
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`error: ${error.message}\n\n${usageText}\n`);
      process.exit(2);
    }
    const message = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
    process.stderr.write(`error: ${message}\n`);
    if (process.env.ECG_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  }
}
