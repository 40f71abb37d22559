// GET /api/accounts/{publicKey}: balance and history, newest first, paged by an opaque cursor.
import "server-only";
import type { LedgerNode } from "../node/context";
import { LedgerError } from "../../ledger/errors";
import type { Transaction } from "../../ledger/types";
import { hexOfColumn, transactionFromRow } from "../../db/rows";

export type AccountEntry = { txId: string; tx: Transaction; blockHeight: number; leafIndex: number };
export type AccountPage = { account: string; balance: string; transactions: AccountEntry[]; nextBefore: string | null };

// The cursor is the chain position of the last entry shown. It is opaque to clients: only this file reads it.
const cursorPattern = /^[1-9][0-9]{0,15}$/;

export function parseAccountCursor(before: string | undefined): number | undefined {
  if (before === undefined) return undefined;
  if (!cursorPattern.test(before) || !Number.isSafeInteger(Number(before))) {
    throw new LedgerError("invalid_request", "before must be the nextBefore of a previous page", "before");
  }
  return Number(before);
}

export async function readAccount(
  node: LedgerNode,
  account: string,
  limit: number,
  before: number | undefined,
): Promise<AccountPage> {
  const [balanceMinor, rows] = await Promise.all([
    node.store.balanceOf(account),
    node.store.queries.accountRows(account, before, limit + 1),
  ]);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return {
    account,
    balance: balanceMinor.toString(),
    transactions: page.map((row) => ({
      txId: hexOfColumn(row.txId),
      tx: transactionFromRow(row, row.chainId),
      blockHeight: row.blockHeight,
      leafIndex: row.leafIndex,
    })),
    nextBefore: hasMore ? String(page[page.length - 1]!.sequence) : null,
  };
}
