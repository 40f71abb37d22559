// GET /api/blocks?limit=20&before=H – blocks, newest first, keyset-paged by height.
import { json, parseOrThrow, queryOf, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { listBlocks } from "@/lib/server/blocks/read-blocks";
import { blocksQuerySchema } from "@/lib/validations/pagination";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  const { limit, before } = parseOrThrow(blocksQuerySchema, queryOf(request));
  return json(await listBlocks(await getNode(), limit, before));
});
