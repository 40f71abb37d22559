// GET /api/node, and the same facts server-rendered into the wallet page.
import "server-only";
import type { NodeInfo } from "../../ledger/types";
import type { LedgerNode } from "./context";
import { isFaucetEnabled } from "../faucet/faucet-setting";
import type { NodeLogInfo } from "../../validations/node";

export type { NodeInfo };

/** v1's fields and, in v2, the log's origin, vkey and size. */
export type NodeInfoV2 = NodeInfo & { log: NodeLogInfo };

export async function readNodeInfo(node: LedgerNode): Promise<NodeInfoV2> {
  const [head, isEnabled, size] = await Promise.all([node.store.head(), isFaucetEnabled(node), node.store.logSize()]);
  return {
    chainId: node.chainId,
    nodePublicKey: node.nodePublicKey,
    currency: node.config.currency,
    head: head!,
    faucet: { enabled: isEnabled, amount: node.config.faucetAmountMinor.toString() },
    log: { origin: node.log.origin, vkey: node.log.key.vkey, size },
  };
}
