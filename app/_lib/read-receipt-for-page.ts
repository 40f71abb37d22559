// A page's receipt: the page's 404 for a malformed or unknown txId, the receipt and the node's facts otherwise.
import "server-only";
import { notFound } from "next/navigation";
import { LedgerError } from "@/lib/ledger/errors";
import { hex64Pattern } from "@/lib/ledger/hex";
import type { NodeInfo, Receipt } from "@/lib/ledger/types";
import type { LedgerNode } from "@/lib/server/node/context";
import { readNodeInfo } from "@/lib/server/node/read-node-info";
import { readReceiptOrThrow } from "@/lib/server/transactions/read-receipt";

/** `node` is the caller's: the explorer's comes from the admin check, the public receipt page's from getNode(). */
export async function readReceiptForPage(
  node: LedgerNode,
  txId: string,
): Promise<{ receipt: Receipt; info: NodeInfo }> {
  if (!hex64Pattern.test(txId)) notFound();
  let receipt: Receipt;
  try {
    receipt = await readReceiptOrThrow(node, txId);
  } catch (error) {
    if (error instanceof LedgerError && error.code === "not_found") notFound();
    throw error;
  }
  return { receipt, info: await readNodeInfo(node) };
}
