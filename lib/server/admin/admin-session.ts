// Admin sessions: a cookie the node signs itself, base64url(JSON {iat, exp, gen}) "." base64url(HMAC-SHA256). The
// signature and the times are checked with DATA_DIR's session secret alone (proxy.ts does that much before any
// page renders); `gen` must also be the session generation stored in the database, which signing out and a
// password change replace, ending every session made before (session-generation.ts).
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const sessionCookieName = "chainpay_admin";
/** A session lasts a working day; after that the admin signs in again. */
export const sessionDurationSeconds = 12 * 60 * 60;
/** A real token is about 90 characters; anything much longer is refused before any work is done. */
const sessionTokenLengthMax = 256;

const sessionPayloadSchema = z.strictObject({
  iat: z.number().int().nonnegative(),
  exp: z.number().int().nonnegative(),
  gen: z.string().regex(/^[0-9a-f]{1,64}$/),
});

const sign = (secret: Buffer, payload: string) => createHmac("sha256", secret).update(payload).digest();

export function createSessionToken(secret: Buffer, generation: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const claims = { iat, exp: iat + sessionDurationSeconds, gen: generation };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${sign(secret, payload).toString("base64url")}`;
}

/**
 * The session generation `token` was made in, when it was signed with `secret` and has not expired at `nowMs`;
 * null otherwise. Whether that generation is still the current one is the caller's to check.
 */
export function sessionGenerationOf(secret: Buffer, token: string, nowMs: number): string | null {
  if (token.length > sessionTokenLengthMax) return null;
  const [payload, signature, ...rest] = token.split(".");
  if (payload === undefined || signature === undefined || rest.length > 0) return null;
  // Compared as text, not as decoded bytes: Node's base64url decoder skips stray characters, so a changed
  // signature could otherwise decode to the right bytes. timingSafeEqual needs equal lengths, which are no secret.
  const expected = Buffer.from(sign(secret, payload).toString("base64url"));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = sessionPayloadSchema.safeParse(claims);
  if (!parsed.success) return null;
  const { iat, exp, gen } = parsed.data;
  const nowSeconds = nowMs / 1000;
  // The signature proves the node wrote these times; the span check keeps a session to its 12 hours even so.
  return nowSeconds < exp && exp - iat <= sessionDurationSeconds ? gen : null;
}

/**
 * Secure only over https, or the browser would drop the cookie of a node served over plain http on a LAN. The
 * node's server speaks plain HTTP, so https means a TLS proxy said so in X-Forwarded-Proto (its first value, the
 * protocol the client used). That header is believed because scripts/server/serve.ts removes it from every request that
 * does not come from one of the TRUSTED_PROXIES (and Next.js then sets it to `http`).
 */
function isHttps(request: Request): boolean {
  const forwardedProto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return new URL(request.url).protocol === "https:" || forwardedProto === "https";
}

/**
 * The session cookie's Set-Cookie value. HttpOnly keeps it from scripts; SameSite=Strict keeps other sites
 * from making the browser send it, which is what stops cross-site requests from acting as the admin.
 */
export function sessionCookie(request: Request, token: string): string {
  return [
    `${sessionCookieName}=${token}`,
    "Path=/",
    `Max-Age=${sessionDurationSeconds}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(isHttps(request) ? ["Secure"] : []),
  ].join("; ");
}

/** A Set-Cookie value that makes the browser forget the session cookie. */
export function clearedSessionCookie(request: Request): string {
  return [
    `${sessionCookieName}=`,
    "Path=/",
    "Max-Age=0",
    "HttpOnly",
    "SameSite=Strict",
    ...(isHttps(request) ? ["Secure"] : []),
  ].join("; ");
}

/** Every value of the session cookie in a Cookie header (a browser may send the name more than once). */
function sessionTokensIn(cookieHeader: string): string[] {
  return cookieHeader
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${sessionCookieName}=`))
    .map((part) => part.slice(sessionCookieName.length + 1));
}

/** The generations of a Cookie header's session tokens that were signed with `secret` and have not expired. */
export function sessionGenerationsIn(secret: Buffer, cookieHeader: string | null, nowMs: number): string[] {
  if (cookieHeader === null) return [];
  return sessionTokensIn(cookieHeader).flatMap((token) => sessionGenerationOf(secret, token, nowMs) ?? []);
}
