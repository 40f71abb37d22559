// POST /api/admin/mint – admin only: new money for an account, a mint signed by the node, answered with its receipt.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { requireAdmin } from "@/lib/server/admin/require-admin";
import { json, parseOrThrow, readJsonBody, route } from "@/lib/server/http/route";
import { mintAsAdmin } from "@/lib/server/admin/mint-as-admin";
import { getNode } from "@/lib/server/node/context";
import { mintBodySchema } from "@/lib/validations/admin";

export const POST = route(async (request) => {
  const node = await getNode();
  requireAdmin(node, request);
  const mint = parseOrThrow(mintBodySchema, await readJsonBody(request, bodyBytesMax));
  const { created, receipt } = await mintAsAdmin(node, mint);
  return json({ receipt }, created ? 201 : 200);
});
