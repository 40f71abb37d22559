// What `npm run seed` says as it works: what it is about to write, progress once a second while writing, and a
// summary with the rate (which the benchmarks read). On a terminal the progress is one bar, redrawn in place, with
// the rate and the time left; anywhere else (a log, the tests, the benchmarks) it is a line a second.
import { seedPacing } from "./limits";

const count = (value: number) => value.toLocaleString("en-US");

/** The bar's width in characters: with the figures beside it, it fits an 80-column terminal. */
const barWidth = 24;

/** A duration as a person reads it: "42 s", "7 min 5 s", "1 h 3 min". */
export function durationText(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}

/** One redrawn line: `[#########---------------]  37.5%  3,750,000 of 10,000,000  11,632/s  9 min 6 s left`. */
export function progressBar(done: number, total: number, perSecond: number): string {
  const fraction = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(fraction * barWidth);
  const left = perSecond > 0 ? durationText((total - done) / perSecond) : "?";
  return (
    `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}%  ` +
    `${count(done)} of ${count(total)}  ${count(Math.round(perSecond))}/s  ${left} left`
  );
}

export class SeedProgress {
  private readonly payments: number;
  private readonly startedMs = performance.now();
  private lastLineMs = this.startedMs;
  private readonly isTerminal: boolean;
  private isBarDrawn = false;

  constructor(payments: number, isTerminal = process.stdout.isTTY === true) {
    this.payments = payments;
    this.isTerminal = isTerminal;
  }

  started(accountCount: number, dataDir: string, chainId: string, workerCount: number): void {
    console.log(
      `seed: ${count(this.payments)} payments between ${count(accountCount)} accounts into ${dataDir} ` +
        `(chain ${chainId}), signing on ${workerCount} worker threads`,
    );
  }

  /** A line when a second has passed since the last one. */
  written(writtenPayments: number, headHeight: number): void {
    if (performance.now() - this.lastLineMs < seedPacing.progressIntervalMs) return;
    this.lastLineMs = performance.now();
    if (this.isTerminal) {
      const seconds = (performance.now() - this.startedMs) / 1000;
      // \r and "erase to the end of the line": the bar is drawn over itself.
      process.stdout.write(`\r${progressBar(writtenPayments, this.payments, writtenPayments / seconds)}\x1b[K`);
      this.isBarDrawn = true;
      return;
    }
    console.log(
      `seed: ${count(writtenPayments)} of ${count(this.payments)} payments written, head ${headHeight}, ${this.rate(writtenPayments)} payments/s`,
    );
  }

  finished(accountCount: number, firstHeight: number, headHeight: number): void {
    const seconds = (performance.now() - this.startedMs) / 1000;
    if (this.isBarDrawn) process.stdout.write("\n");
    console.log(
      `seed: wrote ${count(this.payments)} payments and ${count(accountCount)} mints in ` +
        `${count(headHeight - firstHeight + 1)} blocks (heights ${firstHeight} to ${headHeight}) in ${seconds.toFixed(1)} s: ` +
        `${this.rate(this.payments)} payments/s`,
    );
  }

  private rate(payments: number): string {
    return count(Math.round(payments / ((performance.now() - this.startedMs) / 1000)));
  }
}
