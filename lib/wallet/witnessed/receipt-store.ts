// The receipts this browser keeps: the receipt the node answered each payment with, and once it is witnessed,
// the witnessed receipt beside it (localStorage, as the outbox). They prove a payment even if the node goes away.
import type { WitnessedReceipt } from "../../ledger/log/witnessed";
import type { Receipt } from "../../ledger/types";

type StoredReceipts = { order: string[]; byTxId: Record<string, { receipt?: Receipt; witnessed?: WitnessedReceipt }> };

/** A few KiB each: the newest 500 fit well within a browser's storage quota; older ones drop out first. */
export const storedReceiptsMax = 500;
const storeKey = "chainpay:receipts";

function readStore(): StoredReceipts {
  try {
    const store = JSON.parse(localStorage.getItem(storeKey) ?? "null") as StoredReceipts | null;
    if (store !== null && Array.isArray(store.order) && typeof store.byTxId === "object") return store;
  } catch {
    // A damaged store is started afresh: the node still holds every receipt.
  }
  return { order: [], byTxId: {} };
}

function update(txId: string, change: { receipt?: Receipt; witnessed?: WitnessedReceipt }): void {
  const store = readStore();
  const order = [...store.order.filter((id) => id !== txId), txId];
  const byTxId = { ...store.byTxId, [txId]: { ...store.byTxId[txId], ...change } };
  while (order.length > storedReceiptsMax) {
    const dropped = order.shift();
    if (dropped !== undefined) delete byTxId[dropped];
  }
  try {
    localStorage.setItem(storeKey, JSON.stringify({ order, byTxId }));
  } catch {
    // Storage full or refused (private browsing): the receipts stay available from the node.
  }
}

export function rememberReceipt(receipt: Receipt): void {
  update(receipt.txId, { receipt });
}

export function rememberWitnessedReceipt(witnessed: WitnessedReceipt): void {
  update(witnessed.receipt.txId, { receipt: witnessed.receipt, witnessed });
}

export function storedReceipt(txId: string): Receipt | null {
  return readStore().byTxId[txId]?.receipt ?? null;
}

export function storedWitnessedReceipt(txId: string): WitnessedReceipt | null {
  return readStore().byTxId[txId]?.witnessed ?? null;
}
