// A limit on guessing: at most so many failed attempts per client, and on the whole node, in any one window. Past
// either, an attempt is refused with `rate_limited` and its retry-after before it is checked, so that a client
// over the limit learns nothing, not even from a right guess.
import "server-only";
import { RetryLaterError } from "./errors";

export type FailureLimits = {
  perClientMax: number;
  overallMax: number;
  windowMs: number;
  /** What is being guessed, for the refusal's message: "admin tokens". */
  guessed: string;
};

type Attempt = { clientKey: string; atMs: number };

export class FailureLimiter {
  /** The failures of the last window, oldest first; `overallMax` bounds its length, whatever keys clients make up. */
  private readonly failures: Attempt[] = [];

  constructor(private readonly limits: FailureLimits) {}

  /**
   * Counts an attempt as failed from the start, or refuses it when a limit is reached. Counting first means that
   * attempts sent all at once are limited too, not only those that come after a failure.
   */
  begin(clientKey: string, nowMs: number): Attempt {
    const { perClientMax, overallMax, windowMs } = this.limits;
    while (this.failures.length > 0 && nowMs - this.failures[0]!.atMs >= windowMs) this.failures.shift();
    const fromClient = this.failures.filter((failure) => failure.clientKey === clientKey);
    if (fromClient.length >= perClientMax) throw this.refusal("from here", fromClient[0]!.atMs, nowMs);
    if (this.failures.length >= overallMax) throw this.refusal("on this node", this.failures[0]!.atMs, nowMs);
    const attempt = { clientKey, atMs: nowMs };
    this.failures.push(attempt);
    return attempt;
  }

  /** The attempt was right: it was no failure after all. */
  succeed(attempt: Attempt): void {
    const index = this.failures.indexOf(attempt);
    if (index !== -1) this.failures.splice(index, 1);
  }

  private refusal(where: string, oldestMs: number, nowMs: number): RetryLaterError {
    const retryAfterSeconds = Math.max(1, Math.ceil((oldestMs + this.limits.windowMs - nowMs) / 1000));
    const message = `Too many wrong ${this.limits.guessed} ${where}; try again in ${retryAfterSeconds} s.`;
    return new RetryLaterError("rate_limited", message, retryAfterSeconds);
  }
}

/**
 * A limiter for each node, made on first use: in production one per process, and in tests each fresh node starts
 * with a clean slate.
 */
export function limiterPerNode(limits: FailureLimits): (node: object) => FailureLimiter {
  const limiters = new WeakMap<object, FailureLimiter>();
  return (node) => {
    let limiter = limiters.get(node);
    if (limiter === undefined) {
      limiter = new FailureLimiter(limits);
      limiters.set(node, limiter);
    }
    return limiter;
  };
}
