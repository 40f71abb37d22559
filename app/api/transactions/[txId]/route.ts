// GET /api/transactions/{txId} – the receipt of a recorded transaction.
import { json } from "@/lib/server/http/responses";
import { parseOrThrow } from "@/lib/server/http/errors";
import { otherMethods, route } from "@/lib/server/http/route";
import { readReceiptOrThrow } from "@/lib/server/transactions/read-receipt";
import { hex64Schema } from "@/lib/validations/transaction";

export const dynamic = "force-dynamic";

export const GET = route(async ({ params, node }) => {
  const txId = parseOrThrow(hex64Schema, params.txId, "txId");
  return json({ receipt: await readReceiptOrThrow(node, txId) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
