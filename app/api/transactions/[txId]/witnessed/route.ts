// GET /api/transactions/{txId}/witnessed – the payment's witnessed receipt under the newest witnessed checkpoint.
import { parseOrThrow } from "@/lib/server/http/errors";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { readWitnessedReceipt } from "@/lib/server/log/read-witnessed";
import { hex64Schema } from "@/lib/validations/transaction";

export const dynamic = "force-dynamic";

export const GET = route(async ({ params, node }) => {
  const txId = parseOrThrow(hex64Schema, params.txId, "txId");
  return json({ witnessed: await readWitnessedReceipt(node, txId) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
