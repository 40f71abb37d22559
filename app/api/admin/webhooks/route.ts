// POST /api/admin/webhooks – admin only: register an endpoint for an account; 201 with the endpoint and its
// secret, the one time the secret is ever shown.
// GET /api/admin/webhooks?account=<hex64> – admin only: the endpoints (every one, or one account's), newest first,
// without their secrets.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { parseOrThrow } from "@/lib/server/http/errors";
import { queryOf } from "@/lib/server/http/query";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { listEndpoints } from "@/lib/server/webhooks/admin/manage-endpoints";
import { registerEndpoint } from "@/lib/server/webhooks/admin/register-endpoint";
import { createEndpointBodySchema, endpointsQuerySchema } from "@/lib/validations/webhooks";

export const dynamic = "force-dynamic";

export const POST = route(
  async ({ request, node }) => {
    const body = parseOrThrow(createEndpointBodySchema, await readJsonBody(request, bodyBytesMax));
    return json(await registerEndpoint(node, body), 201);
  },
  { admin: true },
);

export const GET = route(
  async ({ request, node }) => {
    const { account } = parseOrThrow(endpointsQuerySchema, queryOf(request));
    return json(await listEndpoints(node, account));
  },
  { admin: true },
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
