// POST /api/admin/session – sign in with the admin password: 204 and a session cookie, rate-limited per client.
// DELETE /api/admin/session – sign out: 204, the session cookie cleared and every admin session ended.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { clearedSessionCookie, sessionCookie } from "@/lib/server/admin/admin-session";
import { signInAdmin, signOutAdmin } from "@/lib/server/admin/sign-in-admin";
import { clientGroupOf } from "@/lib/server/http/client-group";
import { parseOrThrow } from "@/lib/server/http/errors";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { noContent } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { signInBodySchema } from "@/lib/validations/admin";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, node }) => {
  const { password } = parseOrThrow(signInBodySchema, await readJsonBody(request, bodyBytesMax));
  const token = await signInAdmin(node, password, clientGroupOf(request));
  return noContent({ "set-cookie": sessionCookie(request, token) });
});

export const DELETE = route(async ({ request, node }) => {
  await signOutAdmin(node, request.headers.get("cookie"));
  return noContent({ "set-cookie": clearedSessionCookie(request) });
});

export const { GET, PUT, PATCH } = otherMethods("POST", "DELETE");
