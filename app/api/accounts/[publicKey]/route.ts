// GET /api/accounts/{publicKey}?limit=&before= – balance and history, newest first.
import { parseOrThrow } from "@/lib/server/http/errors";
import { queryOf } from "@/lib/server/http/query";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { parseAccountCursor, readAccount } from "@/lib/server/accounts/read-account";
import { accountQuerySchema } from "@/lib/validations/pagination";
import { hex64Schema } from "@/lib/validations/transaction";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, params, node }) => {
  const account = parseOrThrow(hex64Schema, params.publicKey, "publicKey");
  const { limit, before } = parseOrThrow(accountQuerySchema, queryOf(request));
  return json(await readAccount(node, account, limit, parseAccountCursor(before)));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
