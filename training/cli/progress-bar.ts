// A one-line progress bar for long jobs, on stderr: step, loss, throughput and ETA.
// Redraws in place on a terminal; prints a plain line every `everyMs` otherwise (CI logs).
export interface ProgressState {
  done: number;
  total: number;
  /** Short free text, e.g. "loss 0.412  142 samples/s". */
  detail?: string;
  /** Seconds left when the job knows better than "elapsed x left / done" (evaluations, phases). */
  eta?: number;
  /** Draw now, whatever the redraw interval (a change of phase). */
  force?: boolean;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, "0")}m` : m > 0 ? `${m}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

export class ProgressBar {
  private readonly started = Date.now();
  private lastPrint = 0;
  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly everyMs = 2000
  ) {}

  update({done, total, detail, eta: known, force}: ProgressState): void {
    const now = Date.now();
    const finished = done >= total && !force;
    const tty = this.stream.isTTY === true;
    if (!finished && !force && now - this.lastPrint < (tty ? 100 : this.everyMs)) return;
    this.lastPrint = now;
    const elapsed = (now - this.started) / 1000;
    const eta = known ?? (done > 0 ? (elapsed * (total - done)) / done : NaN);
    const width = 24;
    const filled = Math.round((width * Math.min(done, total)) / Math.max(1, total));
    const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
    const line = `${this.label} ${bar} ${done}/${total}${detail ? `  ${detail}` : ""}  ${finished ? `done in ${formatDuration(elapsed)}` : `ETA ${formatDuration(eta)}`}`;
    if (tty) this.stream.write(`\r\x1b[K${line}${finished ? "\n" : ""}`);
    else this.stream.write(`${line}\n`);
  }
}
