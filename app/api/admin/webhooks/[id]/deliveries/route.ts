// GET /api/admin/webhooks/{id}/deliveries?cursor=&limit= – admin only: a page of the endpoint's deliveries, newest
// first: `{"endpoint", "deliveries", "nextCursor"}`, nextCursor null on the last page; limit 1–100, default 20.
import { parseOrThrow } from "@/lib/server/http/errors";
import { queryOf } from "@/lib/server/http/query";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { listDeliveries } from "@/lib/server/webhooks/admin/manage-endpoints";
import { deliveriesQuerySchema, endpointIdSchema } from "@/lib/validations/webhooks";

export const dynamic = "force-dynamic";

export const GET = route(
  async ({ request, params, node }) => {
    const id = parseOrThrow(endpointIdSchema, params.id, "id");
    const { cursor, limit } = parseOrThrow(deliveriesQuerySchema, queryOf(request));
    return json(await listDeliveries(node, id, { cursor, limit }));
  },
  { admin: true },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
