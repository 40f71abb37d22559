// What the wallet shows offline, read back from localStorage: the last-seen view of an account (balance as a
// bigint, the newest 50 entries, the time seen) and the account's kept receipts, newest first. A damaged or
// foreign value is ignored, never shown.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeTxId } from "@/lib/ledger/hash";
import type { AccountEntry } from "@/lib/ledger/types";
import { keptReceiptsOf } from "@/lib/wallet/offline/kept-receipts";
import { lastSeenEntriesMax, readLastSeen, rememberLastSeen } from "@/lib/wallet/offline/last-seen";
import { rememberReceipt } from "@/lib/wallet/witnessed/receipt-store";
import { payment } from "../support/keys";
import { alice, bob, carol, receiptFor } from "../statement/statement-fixture";

/** localStorage as the browser gives it, in memory. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as { localStorage?: unknown }).localStorage = storage;
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

function entries(count: number): AccountEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const { tx } = payment(bob, alice, String(index + 1));
    return { txId: computeTxId(tx), tx, blockHeight: count - index, leafIndex: 0 };
  });
}

describe("the last-seen view", () => {
  it("reads back what was seen, at most the newest 50 entries, with the time", () => {
    rememberLastSeen(alice.publicKeyHex, 9_007_199_254_740_993n, entries(60));
    const seen = readLastSeen(alice.publicKeyHex)!;
    expect(seen.balanceMinor).toBe(9_007_199_254_740_993n);
    expect(seen.entries).toEqual(entries(60).slice(0, lastSeenEntriesMax));
    expect(Date.now() - Date.parse(seen.seenAt)).toBeLessThan(5_000);
    expect(readLastSeen(bob.publicKeyHex)).toBeNull();
  });

  it.each(["not json", "null", JSON.stringify({ balance: "-1", entries: [], seenAt: "2026-11-26T00:00:00.000Z" })])(
    "ignores a damaged value %j",
    (value) => {
      storage.setItem(`chainpay:last-seen:${alice.publicKeyHex}`, value);
      expect(readLastSeen(alice.publicKeyHex)).toBeNull();
    },
  );
});

describe("the kept receipts", () => {
  it("lists the account's receipts, newest first, and no one else's", () => {
    const first = receiptFor(payment(alice, bob, "1"), 1);
    const others = receiptFor(payment(bob, carol, "2"), 2);
    const second = receiptFor(payment(carol, alice, "3"), 3);
    for (const receipt of [first, others, second]) rememberReceipt(receipt);
    expect(keptReceiptsOf(alice.publicKeyHex)).toEqual([second, first]);
  });

  it("leaves out a receipt that is not one, or filed under another txId", () => {
    const good = receiptFor(payment(alice, bob, "1"), 1);
    const moved = receiptFor(payment(alice, bob, "2"), 2);
    storage.setItem(
      "chainpay:receipts",
      JSON.stringify({
        order: [good.txId, "x", moved.txId],
        byTxId: { [good.txId]: { receipt: good }, x: { receipt: { txId: "x" } }, [moved.txId]: { receipt: good } },
      }),
    );
    expect(keptReceiptsOf(alice.publicKeyHex)).toEqual([good]);
    storage.setItem("chainpay:receipts", "{broken");
    expect(keptReceiptsOf(alice.publicKeyHex)).toEqual([]);
  });
});
