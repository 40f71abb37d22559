// An account's balance after each transaction of one page of its history, exactly, in bigint minor units. The
// page's newest entry leaves the account at a known balance (the current one, on the newest page); walking down
// the page, each entry's balance before is its balance after minus what it changed. O(page): nothing else of the
// chain is read. Pure, so that a unit test checks it and the explorer draws it.
import type { Transaction } from "../ledger/types";

/** What a history entry needs here: its id and the transaction's kind, accounts, amount and time. */
export type BalanceEntry = {
  txId: string;
  tx: Pick<Transaction, "type" | "from" | "to" | "amount" | "timestamp">;
};

export type BalancePoint = {
  txId: string;
  timestamp: string;
  /** What this transaction did to the account's balance: positive when it received, negative when it paid. */
  changeMinor: bigint;
  balanceAfterMinor: bigint;
};

export type BalanceWalk = {
  /** Oldest first, as a chart draws them. */
  points: BalancePoint[];
  /** The balance before the page's oldest entry: the balance after the newest entry of the next (older) page. */
  balanceBeforeOldestMinor: bigint;
};

/**
 * How one transaction changes `account`'s balance. A payment moves its amount from payer to payee; a mint is new
 * money, signed by the node key, which pays nothing for it (the node key holds no balance). The ledger charges no
 * fees, and refuses a payment to oneself, so these are the only two moves.
 */
export function balanceChangeOf(account: string, tx: BalanceEntry["tx"]): bigint {
  const amountMinor = BigInt(tx.amount);
  const received = tx.to === account ? amountMinor : 0n;
  const paid = tx.from === account && tx.type !== "mint" ? amountMinor : 0n;
  return received - paid;
}

/**
 * Each entry's balance after, from the balance after the newest entry and the entries newest first (as the
 * history reads them). A balance below zero on the way means the two were not read together (the database refuses
 * an overdraft): that is a bug in the caller, so it stops here rather than draw a false chart.
 */
export function balanceOverTime(
  account: string,
  balanceAfterNewestMinor: bigint,
  entriesNewestFirst: readonly BalanceEntry[],
): BalanceWalk {
  const newestFirst: BalancePoint[] = [];
  let balanceAfterMinor = balanceAfterNewestMinor;
  for (const entry of entriesNewestFirst) {
    if (balanceAfterMinor < 0n) throw new Error(`the balance after ${entry.txId} would be below zero`);
    const changeMinor = balanceChangeOf(account, entry.tx);
    newestFirst.push({ txId: entry.txId, timestamp: entry.tx.timestamp, changeMinor, balanceAfterMinor });
    balanceAfterMinor -= changeMinor;
  }
  if (balanceAfterMinor < 0n) throw new Error("the balance before the page's oldest entry would be below zero");
  return { points: newestFirst.reverse(), balanceBeforeOldestMinor: balanceAfterMinor };
}
