// POST /api/admin/mint – admin only: new money for an account, a mint signed by the node, answered with its receipt.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { mintAsAdmin } from "@/lib/server/admin/mint-as-admin";
import { parseOrThrow } from "@/lib/server/http/errors";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { mintBodySchema } from "@/lib/validations/admin";

export const POST = route(
  async ({ request, node }) => {
    const mint = parseOrThrow(mintBodySchema, await readJsonBody(request, bodyBytesMax));
    const { created, receipt } = await mintAsAdmin(node, mint);
    return json({ receipt }, created ? 201 : 200);
  },
  { admin: true },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
