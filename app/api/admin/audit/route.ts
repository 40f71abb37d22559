// GET /api/admin/audit – admin only: re-verify the whole stored chain and name the first bad block.
import { requireAdmin } from "@/lib/server/admin/require-admin";
import { auditChain } from "@/lib/server/admin/audit-chain";
import { json, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  const node = await getNode();
  requireAdmin(node, request);
  return json(await auditChain(node));
});
