// GET /api/node, and the same facts server-rendered into the wallet page.
import "server-only";
import type { NodeInfo } from "../../ledger/types";
import type { LedgerNode } from "./context";
import { isFaucetEnabled } from "../faucet/faucet-setting";

export type { NodeInfo };

export async function readNodeInfo(node: LedgerNode): Promise<NodeInfo> {
  return {
    chainId: node.chainId,
    nodePublicKey: node.nodePublicKey,
    currency: node.config.currency,
    head: (await node.store.head())!,
    faucet: { enabled: await isFaucetEnabled(node), amount: node.config.faucetAmountMinor.toString() },
  };
}
