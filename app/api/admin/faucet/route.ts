// POST /api/admin/faucet – admin only: switch the faucet on or off; answers the faucet as GET /api/node shows it.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { switchFaucet } from "@/lib/server/faucet/switch-faucet";
import { parseOrThrow } from "@/lib/server/http/errors";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { faucetSwitchBodySchema } from "@/lib/validations/admin";

export const POST = route(
  async ({ request, node }) => {
    const { enabled } = parseOrThrow(faucetSwitchBodySchema, await readJsonBody(request, bodyBytesMax));
    return json({ faucet: await switchFaucet(node, enabled) });
  },
  { admin: true },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
