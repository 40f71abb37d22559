// POST /api/faucet – test funds for an account: a mint signed by the node, when the faucet is on.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { json, parseOrThrow, readJsonBody, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { requestFaucet } from "@/lib/server/faucet/request-faucet";
import { faucetBodySchema } from "@/lib/validations/transaction";

export const POST = route(async (request) => {
  const { account } = parseOrThrow(faucetBodySchema, await readJsonBody(request, bodyBytesMax));
  const { receipt } = await requestFaucet(await getNode(), account);
  return json({ receipt }, 201);
});
