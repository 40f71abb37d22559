// Runs before Next.js routes a request to a page, or to an API path with a `%` in it.
// - Every page gets its Content-Security-Policy here, with a fresh nonce: set on the request, Next.js puts the
//   nonce on the scripts and styles it renders; set on the answer, the browser enforces it. (The other security
//   headers, and the policy of every other answer, come from next.config.js.)
// - It is the one place that can refuse a path that does not decode: Next.js decodes path parameters before any
//   handler or page runs and answers a bare 500 when they do not. An API path then gets the protocol's 400
//   `invalid_request`, a page path the not-found page.
// - An explorer page without a signed, unexpired session cookie is answered here with the redirect to sign in and
//   nothing else (no page code runs for such a request): no page renders, so no page reads anything and no body carries what it would have shown. (The
//   session's generation, which needs the database, is checked by every page's data access,
//   app/_lib/require-admin-page.ts.) For the others it passes the requested path on, for the sign-in redirect there.
import { NextResponse, type NextRequest } from "next/server";
import { LedgerError } from "@/lib/ledger/errors";
import { loadSessionSecret } from "@/lib/server/admin/admin-credentials";
import { sessionGenerationsIn } from "@/lib/server/admin/admin-session";
import { readConfig } from "@/lib/server/node/env";
import { newNonce, pageContentSecurityPolicy } from "@/lib/server/http/page-security-policy";
import { firstMalformedPathSegment, quotePart } from "@/lib/server/http/percent-encoding";
import { errorResponse } from "@/lib/server/http/responses";
import { adminSignInPath, requestedPathHeader, safeNextPath } from "@/lib/validations/admin";

const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");
const isExplorerPath = (pathname: string) => pathname === "/explorer" || pathname.startsWith("/explorer/");

// The route Next.js builds from app/not-found.tsx: rewriting to it renders the not-found page with status 404,
// while the address bar keeps the requested URL.
const notFoundPath = "/_not-found";

/** Read once per process: the secret changes only with a restart (README, Admin sign-in). */
let sessionSecret: Buffer | undefined;

/** Whether the request carries a session cookie this node signed that has not expired. */
function hasSignedSession(request: NextRequest): boolean {
  try {
    sessionSecret ??= loadSessionSecret(readConfig().dataDir);
  } catch {
    // A node without its secret signs no one in; the sign-in page says what is wrong.
    return false;
  }
  return sessionGenerationsIn(sessionSecret, request.headers.get("cookie"), Date.now()).length > 0;
}

/**
 * The sign-in page, coming back to `path` afterwards: a redirect with no body of its own (Next.js makes the
 * location relative, and its body is that location again, nothing rendered).
 */
function signInRedirect(request: NextRequest, path: string): NextResponse {
  const location = new URL(`${adminSignInPath}?next=${encodeURIComponent(safeNextPath(path))}`, request.url);
  return new NextResponse(null, { status: 307, headers: { location: location.toString() } });
}

export function proxy(request: NextRequest): Response {
  const { pathname, search } = request.nextUrl;
  const malformedSegment = firstMalformedPathSegment(pathname);
  if (isApiPath(pathname)) {
    if (malformedSegment === undefined) return NextResponse.next();
    const message = `The URL path segment ${quotePart(malformedSegment)} is not valid percent-encoding.`;
    return errorResponse(new LedgerError("invalid_request", message));
  }
  const policy = pageContentSecurityPolicy(newNonce(), process.env.NODE_ENV === "development");
  const isExplorer = isExplorerPath(pathname);
  if (isExplorer && malformedSegment === undefined && !hasSignedSession(request)) {
    const redirect = signInRedirect(request, `${pathname}${search}`);
    redirect.headers.set("content-security-policy", policy);
    return redirect;
  }
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  if (isExplorer) headers.set(requestedPathHeader, `${pathname}${search}`);
  const response =
    malformedSegment === undefined
      ? NextResponse.next({ request: { headers } })
      : NextResponse.rewrite(new URL(notFoundPath, request.url), { request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// Every page, and any API path with a `%` in it (only such a path can fail to decode). The rest of the API, the
// hot payment path among it, and Next.js's static files never pay for the proxy.
export const config = { matcher: ["/((?!api/|_next/).*)", "/(api/.*%.*)"] };
