// POST /api/payments/batch – up to 1,000 signed payments in one request, each answered as if sent alone.
import { batchBodyBytesMax } from "@/lib/ledger/limits";
import { parseOrThrow } from "@/lib/server/http/errors";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { jsonOfList } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { batchItemsPerChunk, submitBatch } from "@/lib/server/payments/submit-batch";
import { batchBodySchema } from "@/lib/validations/transaction";

export const POST = route(async ({ request, node }) => {
  const { payments } = parseOrThrow(batchBodySchema, await readJsonBody(request, batchBodyBytesMax));
  return jsonOfList("results", await submitBatch(node, payments), batchItemsPerChunk);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
