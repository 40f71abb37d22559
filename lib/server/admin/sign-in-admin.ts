// POST /api/admin/session: check the admin password and hand out a session token, with a limit on guessing.
// DELETE /api/admin/session: sign out, which ends every admin session (a new session generation).
import "server-only";
import { LedgerError } from "../../ledger/errors";
import { verifyAdminPassword } from "./admin-credentials";
import { createSessionToken } from "./admin-session";
import { hasCurrentSession } from "./require-admin";
import { endAllSessions, readSessionGeneration } from "./session-generation";
import type { FailureLimits } from "../http/failure-limiter";
import { sharedLimitsOf } from "../workers/shared-limits";
import type { LedgerNode } from "../node/context";

/** At most this many failed sign-ins per client in any one window; past the node-wide count, none from a client that failed. */
export const signInFailuresPerClientMax = 5;
export const signInFailuresOverallMax = 20;
export const signInWindowMs = 60_000;

/**
 * Keyed on the connection's address (`clientGroupOf`), which a client cannot choose: five guesses a minute from
 * one address. A flood spread over many addresses makes every address that has guessed wait, while one that has
 * not (the admin) still signs in: so no flood locks the admin out, and a guesser gets one guess a minute per
 * address it holds (an IPv6 /64 counting as one).
 */
const signInLimits: FailureLimits = {
  perClientMax: signInFailuresPerClientMax,
  overallMax: signInFailuresOverallMax,
  windowMs: signInWindowMs,
  guessed: "passwords",
};

/** A session token for the right password; `unauthorized` for a wrong one, `rate_limited` after too many. */
export async function signInAdmin(node: LedgerNode, password: string, clientKey: string): Promise<string> {
  const limits = sharedLimitsOf(node);
  // The limit is checked before the password, so a client over it learns nothing, even from the right one.
  const attempt = await limits.beginFailure(signInLimits, clientKey, Date.now());
  if (!(await verifyAdminPassword(node.admin.passwordHash, password))) {
    throw new LedgerError("unauthorized", "The password is wrong.");
  }
  await limits.succeedFailure(signInLimits, attempt);
  return createSessionToken(node.admin.sessionSecret, await readSessionGeneration(node.store), Date.now());
}

/**
 * Signing out ends every admin session, in every browser and process: sessions carry one generation, and this
 * replaces it. Only a current session can do that: a request without one just has its cookie cleared, so that
 * no one else can sign the admin out.
 */
export async function signOutAdmin(node: LedgerNode, cookieHeader: string | null): Promise<void> {
  if (await hasCurrentSession(node, cookieHeader)) await endAllSessions(node.store);
}
