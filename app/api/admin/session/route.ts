// POST /api/admin/session – sign in with the admin password: 204 and a session cookie, rate-limited.
// DELETE /api/admin/session – sign out: 204 and the session cookie cleared.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { clearedSessionCookie, sessionCookie } from "@/lib/server/admin/admin-session";
import { noContent, parseOrThrow, readJsonBody, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { signInAdmin, signInClientKey } from "@/lib/server/admin/sign-in-admin";
import { signInBodySchema } from "@/lib/validations/admin";

export const dynamic = "force-dynamic";

export const POST = route(async (request) => {
  const { password } = parseOrThrow(signInBodySchema, await readJsonBody(request, bodyBytesMax));
  const token = await signInAdmin(await getNode(), password, signInClientKey(request));
  return noContent({ "set-cookie": sessionCookie(request, token) });
});

// Signing out needs no session: forgetting a cookie is harmless whoever asks.
export const DELETE = route((request) => Promise.resolve(noContent({ "set-cookie": clearedSessionCookie(request) })));
