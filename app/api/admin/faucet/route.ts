// POST /api/admin/faucet – admin only: switch the faucet on or off; answers the faucet as GET /api/node shows it.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { requireAdmin } from "@/lib/server/admin/require-admin";
import { json, parseOrThrow, readJsonBody, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { switchFaucet } from "@/lib/server/faucet/switch-faucet";
import { faucetSwitchBodySchema } from "@/lib/validations/admin";

export const POST = route(async (request) => {
  const node = await getNode();
  requireAdmin(node, request);
  const { enabled } = parseOrThrow(faucetSwitchBodySchema, await readJsonBody(request, bodyBytesMax));
  return json({ faucet: await switchFaucet(node, enabled) });
});
