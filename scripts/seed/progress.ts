// What `npm run seed` says as it works: what it is about to write, a line a second while writing, and a summary
// with the rate (which the benchmarks read).
import { seedPacing } from "./limits";

const count = (value: number) => value.toLocaleString("en-US");

export class SeedProgress {
  private readonly payments: number;
  private readonly startedMs = performance.now();
  private lastLineMs = this.startedMs;

  constructor(payments: number) {
    this.payments = payments;
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
    console.log(
      `seed: ${count(writtenPayments)} of ${count(this.payments)} payments written, head ${headHeight}, ${this.rate(writtenPayments)} payments/s`,
    );
  }

  finished(accountCount: number, firstHeight: number, headHeight: number): void {
    const seconds = (performance.now() - this.startedMs) / 1000;
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
