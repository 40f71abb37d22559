// Only for explorer pages: pass the requested path to the server components, so that the sign-in redirect can
// bring an admin back to the page they asked for. The check itself happens in app/explorer/layout.tsx.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("x-chainpay-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/explorer", "/explorer/:path*"] };
