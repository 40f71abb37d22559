// GET /api/blocks?limit=20&before=H – blocks, newest first, keyset-paged by height.
import { listBlocks } from "@/lib/server/blocks/list-blocks";
import { parseOrThrow } from "@/lib/server/http/errors";
import { queryOf } from "@/lib/server/http/query";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { blocksQuerySchema } from "@/lib/validations/pagination";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, node }) => {
  const { limit, before } = parseOrThrow(blocksQuerySchema, queryOf(request));
  return json(await listBlocks(node, limit, before));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
