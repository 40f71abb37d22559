// Which payment paid a request. A payment says nothing of the request it answers, so it is matched by what the
// request fixed: to the payee, of the amount (any amount for an open one), with the memo, and made after the
// request. A payer's clock may run behind the payee's by as much as the node lets a timestamp stray
// (timestampSkewMaxMs), so "after" allows that much. A tampered link that asked for another amount or memo
// cannot pay the original request: its payment does not match.
import { timestampSkewMaxMs } from "../../ledger/limits";
import type { AccountEntry } from "../../ledger/types";
import type { StoredRequest } from "./request-store";

export function paysRequest(entry: AccountEntry, request: StoredRequest): boolean {
  const { tx } = entry;
  if (tx.type !== "payment" || tx.to !== request.to) return false;
  if (request.amountMinor !== null && tx.amount !== request.amountMinor) return false;
  if ((tx.memo ?? "") !== request.memo) return false;
  return Date.parse(tx.timestamp) >= Date.parse(request.createdAt) - timestampSkewMaxMs;
}

/** The earliest payment among `entries` (an account's history, in any order) that pays `request`. */
export function findPayment(entries: readonly AccountEntry[], request: StoredRequest): AccountEntry | undefined {
  return entries
    .filter((entry) => paysRequest(entry, request))
    .sort((a, b) => a.blockHeight - b.blockHeight || a.leafIndex - b.leafIndex)[0];
}

/**
 * Whether an account's history, newest first, may hold older payments for `request` past `entries`: true while
 * its oldest entry is not yet older than the request (less the skew allowed above).
 */
export function mayHoldOlderPayments(entries: readonly AccountEntry[], request: StoredRequest): boolean {
  const oldest = entries.at(-1);
  if (oldest === undefined) return false;
  return Date.parse(oldest.tx.timestamp) >= Date.parse(request.createdAt) - timestampSkewMaxMs;
}
