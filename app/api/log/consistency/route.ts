// GET /api/log/consistency?from=M&to=N – the RFC 9162 consistency proof from log size M to log size N.
import { parseOrThrow } from "@/lib/server/http/errors";
import { queryOf } from "@/lib/server/http/query";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { readLogConsistencyProof } from "@/lib/server/log/read-log-proofs";
import { logConsistencyQuerySchema } from "@/lib/validations/log-queries";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, node }) => {
  const { from, to } = parseOrThrow(logConsistencyQuerySchema, queryOf(request));
  return json(await readLogConsistencyProof(node, from, to));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
