// The holder's statement as data: each entry derived from its receipt alone (so the verifier can derive it again
// and compare), the totals summed exactly in bigint, and the document that `npm run verify -- --file` checks.
// Pure: the wallet builds it in the browser, the verifier (lib/verifier/statement/) recomputes it in Node.
import type { Currency, Receipt } from "../../ledger/types";
import {
  statementFormatName,
  statementVersion,
  type Statement,
  type StatementEntry,
  type StatementTotals,
} from "../../validations/statement";

/** A date range as the statement states it: from ≤ time < to, both ISO 8601 UTC with milliseconds. */
export type StatementRange = { from: string; to: string };

/** The entry a receipt makes in `account`'s statement, or null when the transaction is not the account's. */
export function statementEntryOf(receipt: Receipt, account: string): StatementEntry | null {
  const { tx } = receipt;
  if (tx.from !== account && tx.to !== account) return null;
  const isOutgoing = tx.from === account;
  return {
    time: tx.timestamp,
    direction: isOutgoing ? "out" : "in",
    counterparty: isOutgoing ? tx.to : tx.from,
    amount: tx.amount,
    ...(tx.memo === undefined ? {} : { memo: tx.memo }),
    txId: receipt.txId,
    blockHeight: receipt.block.header.height,
    receipt,
  };
}

/** Whether an entry's time lies in the range (ISO times of one format compare as text, in time order). */
export function isInRange(time: string, range: StatementRange): boolean {
  return range.from <= time && time < range.to;
}

export function statementTotalsOf(entries: readonly Pick<StatementEntry, "direction" | "amount">[]): StatementTotals {
  let incoming = 0n;
  let outgoing = 0n;
  for (const entry of entries) {
    if (entry.direction === "in") incoming += BigInt(entry.amount);
    else outgoing += BigInt(entry.amount);
  }
  return {
    count: entries.length,
    incoming: incoming.toString(),
    outgoing: outgoing.toString(),
    net: (incoming - outgoing).toString(),
  };
}

export function buildStatement(input: {
  account: string;
  chainId: string;
  nodePublicKey: string;
  currency: Currency;
  range: StatementRange;
  /** The account's receipts, newest first; those outside the range are left out here. */
  receipts: readonly Receipt[];
  createdAt: string;
}): Statement {
  const entries = input.receipts
    .map((receipt) => statementEntryOf(receipt, input.account))
    .filter((entry): entry is StatementEntry => entry !== null && isInRange(entry.time, input.range));
  return {
    format: statementFormatName,
    version: statementVersion,
    account: input.account,
    chainId: input.chainId,
    nodePublicKey: input.nodePublicKey,
    currency: { code: input.currency.code, decimals: input.currency.decimals },
    createdAt: input.createdAt,
    range: { from: input.range.from, to: input.range.to },
    entries,
    totals: statementTotalsOf(entries),
  };
}

/**
 * The file names of a statement's two downloads: the account's first characters and the days chosen (the
 * reader's own days, yyyy-mm-dd: the range's UTC instants can fall on the day before).
 */
export function statementFilename(
  account: string,
  days: { from: string; to: string },
  extension: "csv" | "json",
): string {
  return `chainpay-statement-${account.slice(0, 12)}-${days.from}-${days.to}.${extension}`;
}
