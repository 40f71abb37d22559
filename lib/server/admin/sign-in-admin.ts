// POST /api/admin/session: check the admin password and hand out a session token, with a limit on guessing.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import { verifyAdminPassword } from "./admin-credentials";
import { createSessionToken } from "./admin-session";
import { RetryLaterError } from "../http/errors";
import type { LedgerNode } from "../node/context";

/** At most this many failed sign-ins per client, and on the whole node, in any one window. */
export const signInFailuresPerClientMax = 5;
export const signInFailuresOverallMax = 20;
export const signInWindowMs = 60_000;

type Attempt = { clientKey: string; atMs: number };

/**
 * The failures of the last window, oldest first. The overall limit also bounds its length, so a flood of
 * made-up client keys cannot grow it. The per-client key comes from X-Forwarded-For, which a client can forge:
 * the per-client limit only keeps one admin's typos from locking out the others, and the overall limit is what
 * holds a guesser to 20 passwords a minute however it spreads them.
 */
class SignInLimiter {
  private readonly attempts: Attempt[] = [];

  /**
   * Counts an attempt as failed before its password is checked, or refuses it when a limit is reached.
   * Counting first means that attempts sent all at once are limited too, not only those after a failure.
   */
  begin(clientKey: string, nowMs: number): Attempt {
    while (this.attempts.length > 0 && nowMs - this.attempts[0]!.atMs >= signInWindowMs) this.attempts.shift();
    const fromClient = this.attempts.filter((attempt) => attempt.clientKey === clientKey);
    if (fromClient.length >= signInFailuresPerClientMax) {
      throw tooMany("Too many wrong passwords from here", fromClient[0]!.atMs, nowMs);
    }
    if (this.attempts.length >= signInFailuresOverallMax) {
      throw tooMany("Too many wrong passwords on this node", this.attempts[0]!.atMs, nowMs);
    }
    const attempt = { clientKey, atMs: nowMs };
    this.attempts.push(attempt);
    return attempt;
  }

  /** The password was right: the attempt was no failure. */
  succeed(attempt: Attempt): void {
    const index = this.attempts.indexOf(attempt);
    if (index !== -1) this.attempts.splice(index, 1);
  }
}

function tooMany(what: string, oldestMs: number, nowMs: number): RetryLaterError {
  const retryAfterSeconds = Math.max(1, Math.ceil((oldestMs + signInWindowMs - nowMs) / 1000));
  return new RetryLaterError("rate_limited", `${what}; try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
}

// One limiter per node: in production one per process, and in tests each fresh node starts with a clean slate.
const limiters = new WeakMap<LedgerNode, SignInLimiter>();

/** A session token for the right password; `unauthorized` for a wrong one, `rate_limited` after too many. */
export async function signInAdmin(node: LedgerNode, password: string, clientKey: string): Promise<string> {
  let limiter = limiters.get(node);
  if (limiter === undefined) {
    limiter = new SignInLimiter();
    limiters.set(node, limiter);
  }
  // The limit is checked before the password, so a client over it learns nothing, even from the right one.
  const attempt = limiter.begin(clientKey, Date.now());
  if (!(await verifyAdminPassword(node.admin.passwordHash, password))) {
    throw new LedgerError("unauthorized", "The password is wrong.");
  }
  limiter.succeed(attempt);
  return createSessionToken(node.admin.sessionSecret, Date.now());
}

/** The client a sign-in counts against: the first X-Forwarded-For address, or "local" without a proxy. */
export function signInClientKey(request: Request): string {
  const forwardedFor = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwardedFor === undefined || forwardedFor === "" ? "local" : forwardedFor.slice(0, 100);
}
