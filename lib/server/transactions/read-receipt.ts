// GET /api/transactions/{txId}, and the answer to a payment that was already recorded: the stored receipt, read
// in one store read (the row, its block and its stored audit path) and made by the one receipt builder.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import { buildReceipt } from "../../ledger/receipt";
import type { Receipt } from "../../ledger/types";
import type { LedgerReader } from "../../db/ledger-store";
import type { LedgerNode } from "../node/context";

export function readReceiptOrThrow(node: LedgerNode, txId: string): Promise<Receipt> {
  return readStoredReceipt(node.store, txId, node.nodePublicKey);
}

/** The same read for the sealer, which answers a resubmitted payment before the node is assembled. */
export async function readStoredReceipt(store: LedgerReader, txId: string, nodePublicKey: string): Promise<Receipt> {
  const receipt = await readRecordedReceipt(store, txId, nodePublicKey);
  if (receipt === null) throw new LedgerError("not_found", "No transaction with this id is recorded.");
  return receipt;
}

/** The receipt of a transaction already recorded, or null: what a payment's first check asks, in one read. */
export async function readRecordedReceipt(
  store: LedgerReader,
  txId: string,
  nodePublicKey: string,
): Promise<Receipt | null> {
  const stored = await store.storedReceipt(txId);
  return stored === null ? null : buildReceipt({ ...stored, nodePublicKey });
}
