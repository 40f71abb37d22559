// GET /api/node – the node's chain id, key, currency, head and faucet: what a wallet pins and shows.
import { json, route } from "@/lib/server/http";
import { getNode } from "@/lib/server/node";
import { isFaucetEnabled } from "@/lib/server/settings";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const node = getNode();
  return json({
    chainId: node.chainId,
    nodePublicKey: node.nodeKey.publicKeyHex,
    currency: node.config.currency,
    head: node.store.head(),
    faucet: { enabled: await isFaucetEnabled(node), amount: node.config.faucetAmountMinor.toString() },
  });
});
