// Runs before Next.js routes a request, so it is the one place that can refuse a path that does not decode:
// Next.js decodes path parameters before any handler or page runs and answers a bare 500 when they do not.
// An API path then gets the protocol's 400 `invalid_request`, a page path the not-found page.
// For explorer pages it also passes the requested path to the server components, so that the sign-in redirect
// can bring an admin back to the page they asked for; the check itself happens in app/explorer/layout.tsx.
import { NextResponse, type NextRequest } from "next/server";
import { LedgerError } from "@/lib/ledger/errors";
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
  if (malformedSegment !== undefined) {
    if (!isApiPath(pathname)) return NextResponse.rewrite(new URL(notFoundPath, request.url));
    const message = `The URL path segment ${quotePart(malformedSegment)} is not valid percent-encoding.`;
    return errorResponse(new LedgerError("invalid_request", message));
  }
  if (!isExplorerPath(pathname)) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set("x-chainpay-path", `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
}

// The explorer's pages, and any other path with a `%` in it (only such a path can fail to decode): the rest of
// the API, the hot payment path among it, never pays for the proxy.
export const config = { matcher: ["/explorer", "/explorer/:path*", "/((?!_next/).*%.*)"] };
