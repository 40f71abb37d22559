// Admin calls: `Authorization: Bearer <ADMIN_TOKEN>`, for scripts, or a signed-in admin's session cookie, for
// the browser. The token is refused outright when no ADMIN_TOKEN is set; the session works either way. Wrong
// tokens are limited per client and on the whole node; a valid session is never limited.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { LedgerError } from "../../ledger/errors";
import { limiterPerNode } from "../http/failure-limiter";
import { hasValidSessionCookie, isSessionTokenValid, sessionCookieName } from "./admin-session";
import { getNode, type LedgerNode } from "../node/context";

/** At most this many wrong tokens per client, and on the whole node, in any one window. */
export const tokenFailuresPerClientMax = 5;
export const tokenFailuresOverallMax = 20;
export const tokenWindowMs = 60_000;

/** How much of X-Forwarded-For makes a client's key: a made-up header must not grow the limiter's memory. */
const clientKeyLengthMax = 200;

const digest = (text: string) => createHash("sha256").update(text).digest();

const tokenLimiterOf = limiterPerNode({
  perClientMax: tokenFailuresPerClientMax,
  overallMax: tokenFailuresOverallMax,
  windowMs: tokenWindowMs,
  guessed: "admin tokens",
});

/**
 * The client a wrong token counts against. The connection's address would be the right key, but a Next.js route
 * handler cannot see it: it gets a Web Request, without the socket. Its one trace is X-Forwarded-For, which
 * `next start` sets to the socket's address when the request has none, and leaves as the client sent it
 * otherwise. So the key is that header as it arrived, whole ("local" without it, as in a test calling a handler),
 * and nothing in it is trusted: a client that makes up its own value only spreads its guesses over more keys, and
 * the node-wide limit still holds it to `tokenFailuresOverallMax` a window, while a client that sends none, such
 * as a script, is keyed on its real address. (Reading a trusted proxy's addresses out of it comes with
 * TRUSTED_PROXIES.)
 */
function tokenClientKey(request: Request): string {
  return (request.headers.get("x-forwarded-for") ?? "local").slice(0, clientKeyLengthMax);
}

function bearerTokenOf(request: Request): string | undefined {
  return /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
}

/** Comparing digests keeps the comparison constant-time whatever the lengths. */
const isSameToken = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/** Returns for an admin; throws `unauthorized` otherwise, or `rate_limited` for a client past its wrong tokens. */
export function requireAdmin(node: LedgerNode, request: Request): void {
  if (hasValidSessionCookie(node.admin.sessionSecret, request.headers.get("cookie"), Date.now())) return;
  const expected = node.config.adminToken;
  const given = bearerTokenOf(request);
  if (expected !== undefined && given !== undefined) {
    const limiter = tokenLimiterOf(node);
    const attempt = limiter.begin(tokenClientKey(request), Date.now());
    if (isSameToken(given, expected)) {
      limiter.succeed(attempt);
      return;
    }
  }
  throw new LedgerError("unauthorized", "This call needs an admin's token or session.");
}

/** What `cookies()` from next/headers returns, reduced to the one method used here. */
type CookieReader = { get(name: string): { value: string } | undefined };

/** For server components: whether the request carries a valid admin session (a Cookie header or `await cookies()`). */
export async function isAdminSession(cookieHeaderOrStore: string | null | undefined | CookieReader): Promise<boolean> {
  if (cookieHeaderOrStore === null || cookieHeaderOrStore === undefined) return false;
  const { sessionSecret } = (await getNode()).admin;
  if (typeof cookieHeaderOrStore === "string")
    return hasValidSessionCookie(sessionSecret, cookieHeaderOrStore, Date.now());
  const token = cookieHeaderOrStore.get(sessionCookieName)?.value;
  return token !== undefined && isSessionTokenValid(sessionSecret, token, Date.now());
}
