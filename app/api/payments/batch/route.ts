// POST /api/payments/batch – up to 1,000 signed payments in one request, each answered as if sent alone.
import { batchBodyBytesMax } from "@/lib/ledger/limits";
import { json, parseOrThrow, readJsonBody, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { submitBatch } from "@/lib/server/payments/submit-payment";
import { batchBodySchema } from "@/lib/validations/transaction";

export const POST = route(async (request) => {
  const { payments } = parseOrThrow(batchBodySchema, await readJsonBody(request, batchBodyBytesMax));
  return json({ results: await submitBatch(await getNode(), payments) });
});
