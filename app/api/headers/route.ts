// GET /api/headers?from=H&limit=N – ascending block headers, what a verifier or light client syncs.
import { headersLimitMax } from "@/lib/ledger/limits";
import { json, parseOrThrow, queryOf, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { listHeaders } from "@/lib/server/blocks/read-blocks";
import { headersQuerySchema } from "@/lib/validations/pagination";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  const { from, limit } = parseOrThrow(headersQuerySchema, queryOf(request));
  return json({ blocks: await listHeaders(await getNode(), from, Math.min(limit, headersLimitMax)) });
});
