// POST /api/admin/webhooks/{id}/deliveries/{txId}/redeliver – admin only: make the delivery due now, its
// attempts and its 24 hours of retries starting over; 200 with the delivery as it now stands.
import { parseOrThrow } from "@/lib/server/http/errors";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { redeliver } from "@/lib/server/webhooks/admin/manage-endpoints";
import { deliveryTxIdSchema, endpointIdSchema } from "@/lib/validations/webhooks";

export const dynamic = "force-dynamic";

export const POST = route(
  async ({ params, node }) => {
    const id = parseOrThrow(endpointIdSchema, params.id, "id");
    const txId = parseOrThrow(deliveryTxIdSchema, params.txId, "txId");
    return json(await redeliver(node, id, txId));
  },
  { admin: true },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
