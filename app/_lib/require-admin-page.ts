// For admin pages (server components): the node, for a request that carries a current admin session; anyone else
// is sent to the sign-in page, which brings them back afterwards. Every explorer page and its layout get the node
// only through `adminPageNode()`, so no page reads a thing for a request without a session: proxy.ts already
// redirects one whose cookie is missing, forged or expired before anything renders, and this also catches a
// session that was ended (signed out, or the password changed) and a request that renders a page without its
// layout (a client-side navigation's RSC request).
import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { adminSignInPath, requestedPathHeader, safeNextPath } from "@/lib/validations/admin";
import { isAdminSession } from "@/lib/server/admin/require-admin";
import { getNode, type LedgerNode } from "@/lib/server/node/context";

/** Checked once per request (React's `cache`), however many of the page's parts ask. */
export const adminPageNode = cache(async (): Promise<LedgerNode> => {
  if (await isAdminSession(await cookies())) return getNode();
  const nextPath = (await headers()).get(requestedPathHeader) ?? "/explorer";
  redirect(`${adminSignInPath}?next=${encodeURIComponent(safeNextPath(nextPath))}`);
});
