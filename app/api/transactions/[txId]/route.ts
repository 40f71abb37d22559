// GET /api/transactions/{txId} – the receipt of a recorded transaction.
import { json, parseOrThrow, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { readReceiptOrThrow } from "@/lib/server/transactions/read-receipt";
import { hex64Schema } from "@/lib/validations/transaction";

export const dynamic = "force-dynamic";

export const GET = route(async (_request, params) => {
  const txId = parseOrThrow(hex64Schema, params.txId, "txId");
  const node = await getNode();
  return json({ receipt: await readReceiptOrThrow(node, txId) });
});
