// GET /api/log/checkpoint and GET /api/transactions/{txId}/witnessed: the newest checkpoint witnessed under the
// node's policy, and a payment's witnessed receipt under it (PROTOCOL.md v2 "A witnessed receipt").
import "server-only";
import { LedgerError } from "../../ledger/errors";
import { bytesToHex } from "../../ledger/hex";
import type { WitnessedReceipt } from "../../ledger/log/witnessed";
import type { LedgerNode } from "../node/context";
import { readReceiptOrThrow } from "../transactions/read-receipt";
import { readNewestWitnessed } from "./witnessed-view";

/** The newest witnessed checkpoint's note with every cosignature the node holds for it. */
export async function readWitnessedCheckpointNote(node: LedgerNode): Promise<string> {
  const view = await readNewestWitnessed(node.log, node.log.records);
  if (view === null) throw new LedgerError("not_found", "No checkpoint of this log is witnessed yet.");
  return view.note;
}

/**
 * The payment's receipt (the very one it was answered with: the one receipt path), the newest witnessed
 * checkpoint, and the block's inclusion proof in that checkpoint's tree.
 */
export async function readWitnessedReceipt(node: LedgerNode, txId: string): Promise<WitnessedReceipt> {
  const receipt = await readReceiptOrThrow(node, txId);
  const view = await readNewestWitnessed(node.log, node.log.records);
  const height = receipt.block.header.height;
  if (view === null || view.record.size <= height) {
    throw new LedgerError("not_found", `Block ${height} is not in a witnessed checkpoint yet.`);
  }
  const path = await node.store.logInclusionPath(height, view.record.size);
  return {
    receipt,
    checkpoint: view.note,
    logProof: { leafIndex: height, treeSize: view.record.size, path: path.map(bytesToHex) },
  };
}
