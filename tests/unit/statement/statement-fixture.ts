// Receipts signed by a test node for the statement tests: each payment alone in its own block (its leaf is the
// Merkle root), at a time the test chooses.
import type { Receipt, SignedTransaction } from "@/lib/ledger/types";
import { loneReceipt } from "../support/chain";
import { namedKey, payment, type TestKey } from "../support/keys";

export const node = namedKey("node");
export const alice = namedKey("alice");
export const bob = namedKey("bob");
export const carol = namedKey("carol");

export function receiptFor(signed: SignedTransaction, height: number, signer: TestKey = node): Receipt {
  return loneReceipt(signed, { height, signer });
}

/** Alice's history, newest first: paid by Bob, paying Carol with a hostile memo, paid by Bob again. */
export function aliceReceipts(): Receipt[] {
  return [
    receiptFor(payment(bob, alice, "5", { timestamp: "2026-11-27T09:00:00.000Z" }), 3),
    receiptFor(
      payment(alice, carol, "1250", { memo: '=HYPERLINK("x"), "hi"', timestamp: "2026-11-26T12:00:00.000Z" }),
      2,
    ),
    receiptFor(payment(bob, alice, "9007199254740993", { timestamp: "2026-11-25T08:00:00.000Z" }), 1),
  ];
}
