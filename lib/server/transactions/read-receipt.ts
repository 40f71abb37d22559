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
  const stored = await store.storedReceipt(txId);
  if (stored === null) throw new LedgerError("not_found", "No transaction with this id is recorded.");
  return buildReceipt({ ...stored, nodePublicKey });
}
