// POST /api/faucet – test funds for an account: a mint signed by the node, when the faucet is on.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { requestFaucet } from "@/lib/server/faucet/request-faucet";
import { clientAddressOf } from "@/lib/server/http/client-address";
import { parseOrThrow } from "@/lib/server/http/errors";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { faucetBodySchema } from "@/lib/validations/transaction";

export const POST = route(async ({ request, node }) => {
  const { account } = parseOrThrow(faucetBodySchema, await readJsonBody(request, bodyBytesMax));
  const { receipt } = await requestFaucet(node, account, clientAddressOf(request));
  return json({ receipt }, 201);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
