// GET /api/log/proof?height=H&size=N – the RFC 9162 inclusion proof of block H in the log of size N.
import { parseOrThrow } from "@/lib/server/http/errors";
import { queryOf } from "@/lib/server/http/query";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { readLogInclusionProof } from "@/lib/server/log/read-log-proofs";
import { logProofQuerySchema } from "@/lib/validations/log-queries";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, node }) => {
  const { height, size } = parseOrThrow(logProofQuerySchema, queryOf(request));
  return json(await readLogInclusionProof(node, height, size));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
