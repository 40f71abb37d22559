// Admin calls: `Authorization: Bearer <ADMIN_TOKEN>`, for scripts, or a signed-in admin's session cookie, for
// the browser. The token is refused outright when no ADMIN_TOKEN is set; the session works either way, as long as
// it belongs to the current session generation (session-generation.ts). Wrong tokens are limited per client (its
// connection's address, lib/server/http/client-group.ts); a valid session is never limited.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { LedgerError } from "../../ledger/errors";
import { clientGroupOf } from "../http/client-group";
import type { FailureLimits } from "../http/failure-limiter";
import { sharedLimitsOf } from "../workers/shared-limits";
import { sessionCookieName, sessionGenerationOf, sessionGenerationsIn } from "./admin-session";
import { readSessionGeneration } from "./session-generation";
import { getNode, type LedgerNode } from "../node/context";

/** At most this many wrong tokens per client in any one window; past the node-wide count, none from a client that failed. */
export const tokenFailuresPerClientMax = 5;
export const tokenFailuresOverallMax = 20;
export const tokenWindowMs = 60_000;

const digest = (text: string) => createHash("sha256").update(text).digest();

const tokenLimits: FailureLimits = {
  perClientMax: tokenFailuresPerClientMax,
  overallMax: tokenFailuresOverallMax,
  windowMs: tokenWindowMs,
  guessed: "admin tokens",
};

function bearerTokenOf(request: Request): string | undefined {
  return /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
}

/** Comparing digests keeps the comparison constant-time whatever the lengths. */
const isSameToken = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/**
 * Whether a Cookie header carries a session of the current generation. The database is read only when a cookie
 * is signed and unexpired, so forged cookies cost nothing but an HMAC.
 */
export async function hasCurrentSession(node: LedgerNode, cookieHeader: string | null): Promise<boolean> {
  const generations = sessionGenerationsIn(node.admin.sessionSecret, cookieHeader, Date.now());
  if (generations.length === 0) return false;
  const current = await readSessionGeneration(node.store);
  return generations.includes(current);
}

/** Returns for an admin; throws `unauthorized` otherwise, or `rate_limited` for a client past its wrong tokens. */
export async function requireAdmin(node: LedgerNode, request: Request): Promise<void> {
  if (await hasCurrentSession(node, request.headers.get("cookie"))) return;
  const expected = node.config.adminToken;
  const given = bearerTokenOf(request);
  if (expected !== undefined && given !== undefined) {
    const limits = sharedLimitsOf(node);
    const attempt = await limits.beginFailure(tokenLimits, clientGroupOf(request), Date.now());
    if (isSameToken(given, expected)) {
      await limits.succeedFailure(tokenLimits, attempt);
      return;
    }
  }
  throw new LedgerError("unauthorized", "This call needs an admin's token or session.");
}

/** What `cookies()` from next/headers returns, reduced to the one method used here. */
type CookieReader = { get(name: string): { value: string } | undefined };

/** For server components: whether the request carries a current admin session (a Cookie header or `await cookies()`). */
export async function isAdminSession(cookieHeaderOrStore: string | null | undefined | CookieReader): Promise<boolean> {
  if (cookieHeaderOrStore === null || cookieHeaderOrStore === undefined) return false;
  const node = await getNode();
  if (typeof cookieHeaderOrStore === "string") return hasCurrentSession(node, cookieHeaderOrStore);
  const token = cookieHeaderOrStore.get(sessionCookieName)?.value;
  if (token === undefined) return false;
  const generation = sessionGenerationOf(node.admin.sessionSecret, token, Date.now());
  return generation !== null && generation === (await readSessionGeneration(node.store));
}
