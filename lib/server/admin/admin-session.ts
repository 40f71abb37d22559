// Admin sessions: a cookie the node signs itself, base64url(JSON {iat, exp}) "." base64url(HMAC-SHA256), so
// that checking one needs no database and works in every process that shares DATA_DIR's session secret.
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
});

const sign = (secret: Buffer, payload: string) => createHmac("sha256", secret).update(payload).digest();

export function createSessionToken(secret: Buffer, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const payload = Buffer.from(JSON.stringify({ iat, exp: iat + sessionDurationSeconds })).toString("base64url");
  return `${payload}.${sign(secret, payload).toString("base64url")}`;
}

/** Whether `token` was signed with `secret` and has not expired at `nowMs`. */
export function isSessionTokenValid(secret: Buffer, token: string, nowMs: number): boolean {
  if (token.length > sessionTokenLengthMax) return false;
  const [payload, signature, ...rest] = token.split(".");
  if (payload === undefined || signature === undefined || rest.length > 0) return false;
  // Compared as text, not as decoded bytes: Node's base64url decoder skips stray characters, so a changed
  // signature could otherwise decode to the right bytes. timingSafeEqual needs equal lengths, which are no secret.
  const expected = Buffer.from(sign(secret, payload).toString("base64url"));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return false;
  }
  const parsed = sessionPayloadSchema.safeParse(claims);
  if (!parsed.success) return false;
  const { iat, exp } = parsed.data;
  const nowSeconds = nowMs / 1000;
  // The signature proves the node wrote these times; the span check keeps a session to its 12 hours even so.
  return nowSeconds < exp && exp - iat <= sessionDurationSeconds;
}

/** Secure only over https, or the browser would drop the cookie of a node served over plain http on a LAN. */
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

export function hasValidSessionCookie(secret: Buffer, cookieHeader: string | null, nowMs: number): boolean {
  if (cookieHeader === null) return false;
  return sessionTokensIn(cookieHeader).some((token) => isSessionTokenValid(secret, token, nowMs));
}
