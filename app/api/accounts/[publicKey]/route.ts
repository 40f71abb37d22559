// GET /api/accounts/{publicKey}?limit=&before= – balance and history, newest first.
import { json, parseOrThrow, queryOf, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { parseAccountCursor, readAccount } from "@/lib/server/accounts/read-account";
import { accountQuerySchema } from "@/lib/validations/pagination";
import { hex64Schema } from "@/lib/validations/transaction";

export const dynamic = "force-dynamic";

export const GET = route(async (request, params) => {
  const account = parseOrThrow(hex64Schema, params.publicKey, "publicKey");
  const { limit, before } = parseOrThrow(accountQuerySchema, queryOf(request));
  return json(await readAccount(await getNode(), account, limit, parseAccountCursor(before)));
});
