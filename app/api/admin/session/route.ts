// POST /api/admin/session – sign in with the admin password: 204 and a session cookie, rate-limited.
// DELETE /api/admin/session – sign out: 204 and the session cookie cleared.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { clearedSessionCookie, sessionCookie } from "@/lib/server/admin/admin-session";
import { signInAdmin, signInClientKey } from "@/lib/server/admin/sign-in-admin";
import { parseOrThrow } from "@/lib/server/http/errors";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { noContent } from "@/lib/server/http/responses";
import { bareRoute, route } from "@/lib/server/http/route";
import { signInBodySchema } from "@/lib/validations/admin";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, node }) => {
  const { password } = parseOrThrow(signInBodySchema, await readJsonBody(request, bodyBytesMax));
  const token = await signInAdmin(node, password, signInClientKey(request));
  return noContent({ "set-cookie": sessionCookie(request, token) });
});

// Signing out needs no session, and no node: forgetting a cookie is harmless whoever asks.
export const DELETE = bareRoute(({ request }) =>
  Promise.resolve(noContent({ "set-cookie": clearedSessionCookie(request) })),
);
