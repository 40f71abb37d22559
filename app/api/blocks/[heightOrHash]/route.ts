// GET /api/blocks/{height or hash} – one block with its transactions in leaf order.
import { json, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { getBlockOrThrow } from "@/lib/server/blocks/read-blocks";

export const dynamic = "force-dynamic";

export const GET = route(async (_request, params) => {
  return json(await getBlockOrThrow(await getNode(), params.heightOrHash ?? ""));
});
