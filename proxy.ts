// Runs before Next.js routes a request to a page, or to an API path with a `%` in it.
// - Every page gets its Content-Security-Policy here, with a fresh nonce: set on the request, Next.js puts the
//   nonce on the scripts and styles it renders; set on the answer, the browser enforces it. (The other security
//   headers, and the policy of every other answer, come from next.config.js.)
// - It is the one place that can refuse a path that does not decode: Next.js decodes path parameters before any
//   handler or page runs and answers a bare 500 when they do not. An API path then gets the protocol's 400
//   `invalid_request`, a page path the not-found page.
// - For explorer pages it also passes the requested path to the server components, so that the sign-in redirect
//   can bring an admin back to the page they asked for; the check itself happens in app/explorer/layout.tsx.
import { NextResponse, type NextRequest } from "next/server";
import { LedgerError } from "@/lib/ledger/errors";
import { newNonce, pageContentSecurityPolicy } from "@/lib/server/http/page-security-policy";
import { firstMalformedPathSegment, quotePart } from "@/lib/server/http/percent-encoding";
import { errorResponse } from "@/lib/server/http/responses";

const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");
const isExplorerPath = (pathname: string) => pathname === "/explorer" || pathname.startsWith("/explorer/");

// The route Next.js builds from app/not-found.tsx: rewriting to it renders the not-found page with status 404,
// while the address bar keeps the requested URL.
const notFoundPath = "/_not-found";

export function proxy(request: NextRequest): Response {
  const { pathname, search } = request.nextUrl;
  const malformedSegment = firstMalformedPathSegment(pathname);
  if (isApiPath(pathname)) {
    if (malformedSegment === undefined) return NextResponse.next();
    const message = `The URL path segment ${quotePart(malformedSegment)} is not valid percent-encoding.`;
    return errorResponse(new LedgerError("invalid_request", message));
  }
  const policy = pageContentSecurityPolicy(newNonce(), process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  if (isExplorerPath(pathname)) headers.set("x-chainpay-path", `${pathname}${search}`);
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
