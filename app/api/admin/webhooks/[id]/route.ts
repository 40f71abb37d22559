// DELETE /api/admin/webhooks/{id} – admin only: disable an endpoint (it gets no new deliveries; its deliveries
// stay listed); 200 with the endpoint, also when it was disabled already.
import { parseOrThrow } from "@/lib/server/http/errors";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { disableEndpoint } from "@/lib/server/webhooks/admin/manage-endpoints";
import { endpointIdSchema } from "@/lib/validations/webhooks";

export const dynamic = "force-dynamic";

export const DELETE = route(
  async ({ params, node }) => {
    const id = parseOrThrow(endpointIdSchema, params.id, "id");
    return json(await disableEndpoint(node, id));
  },
  { admin: true },
);

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
