// GET /api/node – the node's chain id, key, currency, head and faucet: what a wallet pins and shows.
import { json, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { readNodeInfo } from "@/lib/server/node/read-node-info";

export const dynamic = "force-dynamic";

export const GET = route(async () => json(await readNodeInfo(await getNode())));
