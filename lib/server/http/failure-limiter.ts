// A limit on guessing: at most so many failed attempts per client in any one window, and, while the whole node
// sees more failures than it should (a flood), none at all from a client that has failed recently. A client with
// no recent failure always gets its attempt, whatever others do: a flood from many addresses slows every guesser
// down but never locks out the admin. An attempt that is refused is refused before it is checked, so that a
// client over the limit learns nothing, not even from a right guess.
import "server-only";
import { RetryLaterError } from "./errors";

export type FailureLimits = {
  perClientMax: number;
  /** Failures on the whole node in one window past which only clients without a recent failure get through. */
  overallMax: number;
  windowMs: number;
  /** What is being guessed, for the refusal's message: "admin tokens". */
  guessed: string;
};

/**
 * The most failures remembered, from all clients: the limiter's memory is bounded whatever addresses a flood
 * comes from. Past it the oldest are forgotten, which can only let an attacker with that many addresses guess a
 * little more, never keep anyone out.
 */
export const failuresTrackedMax = 10_000;

/** One attempt, counted as a failure until it succeeds; its id finds it again after a trip to another process. */
export type Attempt = { id: number; clientKey: string; atMs: number };

export class FailureLimiter {
  /** The failures of the last window, from every client, oldest first. */
  private readonly failures: Attempt[] = [];
  /** The same failures by client, each client's oldest first. */
  private readonly failuresByClient = new Map<string, Attempt[]>();
  private nextId = 1;

  constructor(private readonly limits: FailureLimits) {}

  /**
   * Counts an attempt as failed from the start, or refuses it when a limit is reached. Counting first means that
   * attempts sent all at once are limited too, not only those that come after a failure.
   */
  begin(clientKey: string, nowMs: number): Attempt {
    const { perClientMax, overallMax } = this.limits;
    this.forgetOld(nowMs);
    const fromClient = this.failuresByClient.get(clientKey) ?? [];
    const oldestFromClient = fromClient[0];
    if (oldestFromClient !== undefined) {
      if (fromClient.length >= perClientMax) throw this.refusal("from here", oldestFromClient.atMs, nowMs);
      // Under a flood, a client that has failed waits until its own failures are out of the window.
      if (this.failures.length >= overallMax) throw this.refusal("on this node", oldestFromClient.atMs, nowMs);
    }
    const attempt = { id: this.nextId++, clientKey, atMs: nowMs };
    this.failures.push(attempt);
    this.failuresByClient.set(clientKey, [...fromClient, attempt]);
    return attempt;
  }

  /** The attempt was right: it was no failure after all. */
  succeed(attempt: Attempt): void {
    const index = this.failures.findIndex((failure) => failure.id === attempt.id);
    if (index !== -1) this.failures.splice(index, 1);
    this.forgetFromClient(attempt);
  }

  private forgetOld(nowMs: number): void {
    for (;;) {
      const oldest = this.failures[0];
      if (oldest === undefined) return;
      if (nowMs - oldest.atMs < this.limits.windowMs && this.failures.length < failuresTrackedMax) return;
      this.failures.shift();
      this.forgetFromClient(oldest);
    }
  }

  private forgetFromClient(attempt: Attempt): void {
    const fromClient = this.failuresByClient.get(attempt.clientKey);
    if (fromClient === undefined) return;
    const rest = fromClient.filter((failure) => failure.id !== attempt.id);
    if (rest.length === 0) this.failuresByClient.delete(attempt.clientKey);
    else this.failuresByClient.set(attempt.clientKey, rest);
  }

  private refusal(where: string, oldestMs: number, nowMs: number): RetryLaterError {
    const retryAfterSeconds = Math.max(1, Math.ceil((oldestMs + this.limits.windowMs - nowMs) / 1000));
    const message = `Too many wrong ${this.limits.guessed} ${where}; try again in ${retryAfterSeconds} s.`;
    return new RetryLaterError("rate_limited", message, retryAfterSeconds);
  }
}
