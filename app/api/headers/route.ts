// GET /api/headers?from=H&limit=N – ascending block headers, what a verifier or light client syncs.
import { headersLimitMax } from "@/lib/ledger/limits";
import { listHeaders } from "@/lib/server/blocks/list-headers";
import { parseOrThrow } from "@/lib/server/http/errors";
import { queryOf } from "@/lib/server/http/query";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { headersQuerySchema } from "@/lib/validations/pagination";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, node }) => {
  const { from, limit } = parseOrThrow(headersQuerySchema, queryOf(request));
  return json({ blocks: await listHeaders(node, from, Math.min(limit, headersLimitMax)) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
