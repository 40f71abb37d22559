// GET /api/blocks/{height or hash} – one block with its transactions in leaf order.
import { getBlockOrThrow } from "@/lib/server/blocks/read-block";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

// The operation tells a height from a hash, and refuses what is neither with `invalid_request`.
export const GET = route(async ({ params, node }) => json(await getBlockOrThrow(node, params.heightOrHash ?? "")));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
