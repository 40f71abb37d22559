// POST /api/admin/session: check the admin password and hand out a session token, with a limit on guessing.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import { verifyAdminPassword } from "./admin-credentials";
import { createSessionToken } from "./admin-session";
import { limiterPerNode } from "../http/failure-limiter";
import type { LedgerNode } from "../node/context";

/** At most this many failed sign-ins per client, and on the whole node, in any one window. */
export const signInFailuresPerClientMax = 5;
export const signInFailuresOverallMax = 20;
export const signInWindowMs = 60_000;

/**
 * The per-client key comes from X-Forwarded-For, which a client can forge: the per-client limit only keeps one
 * admin's typos from locking out the others, and the overall limit is what holds a guesser to 20 passwords a
 * minute however it spreads them.
 */
const signInLimiterOf = limiterPerNode({
  perClientMax: signInFailuresPerClientMax,
  overallMax: signInFailuresOverallMax,
  windowMs: signInWindowMs,
  guessed: "passwords",
});

/** A session token for the right password; `unauthorized` for a wrong one, `rate_limited` after too many. */
export async function signInAdmin(node: LedgerNode, password: string, clientKey: string): Promise<string> {
  const limiter = signInLimiterOf(node);
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
