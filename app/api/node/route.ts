// GET /api/node – the node's chain id, key, currency, head and faucet: what a wallet pins and shows.
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { readNodeInfo } from "@/lib/server/node/read-node-info";

export const dynamic = "force-dynamic";

export const GET = route(async ({ node }) => json(await readNodeInfo(node)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
