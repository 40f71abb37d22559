// Admin calls: `Authorization: Bearer <ADMIN_TOKEN>`, for scripts, or a signed-in admin's session cookie, for
// the browser. The token is refused outright when no ADMIN_TOKEN is set; the session works either way.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { LedgerError } from "../../ledger/errors";
import { hasValidSessionCookie, isSessionTokenValid, sessionCookieName } from "./admin-session";
import { getNode, type LedgerNode } from "../node/context";

const digest = (text: string) => createHash("sha256").update(text).digest();

function hasAdminToken(node: LedgerNode, request: Request): boolean {
  const expected = node.config.adminToken;
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer (.+)$/.exec(header);
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  return expected !== undefined && match !== null && timingSafeEqual(digest(match[1]!), digest(expected));
}

export function requireAdmin(node: LedgerNode, request: Request): void {
  const isAdmin =
    hasAdminToken(node, request) ||
    hasValidSessionCookie(node.admin.sessionSecret, request.headers.get("cookie"), Date.now());
  if (!isAdmin) throw new LedgerError("unauthorized", "This call needs an admin's token or session.");
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
