// The receipts this browser keeps (lib/wallet/witnessed/receipt-store.ts writes them, under the same key), read
// for the wallet opened offline: those of one account, newest first, each parsed with the protocol's own schema
// so that a damaged entry is left out rather than shown. Verifying them needs nothing but the pinned node key.
import { z } from "zod";
import type { Receipt } from "../../ledger/types";
import { receiptSchema } from "../../validations/block";

const storeKey = "chainpay:receipts";
const storeSchema = z.object({
  order: z.array(z.string()),
  byTxId: z.record(z.string(), z.object({ receipt: z.unknown().optional() })),
});

/** The account's kept receipts, newest first (the store keeps the newest 500 of all accounts). */
export function keptReceiptsOf(account: string): Receipt[] {
  let store: z.infer<typeof storeSchema>;
  try {
    const parsed = storeSchema.safeParse(JSON.parse(localStorage.getItem(storeKey) ?? "null"));
    if (!parsed.success) return [];
    store = parsed.data;
  } catch {
    return [];
  }
  const receipts: Receipt[] = [];
  for (const txId of [...store.order].reverse()) {
    const parsed = receiptSchema.safeParse(store.byTxId[txId]?.receipt);
    if (!parsed.success || parsed.data.txId !== txId) continue;
    const { tx } = parsed.data;
    if (tx.from === account || tx.to === account) receipts.push(parsed.data);
  }
  return receipts;
}
