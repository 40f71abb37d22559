// The explorer's front page figures: the chain's height, transactions, supply, accounts and recent rate.
import "server-only";
import type { LedgerNode } from "../node/context";
import { minuteMs, type RecentBlocks } from "./read-recent-blocks";

export type ChainFigures = {
  height: number;
  transactions: number;
  totalSupplyMinor: bigint;
  accounts: number;
  paymentsPerSecondLastMinute: number;
};

export async function readChainFigures(
  node: LedgerNode,
  recent: RecentBlocks,
  nowMs = Date.now(),
): Promise<ChainFigures> {
  const totals = await node.store.queries.chainTotals();
  const cutoff = new Date(nowMs - minuteMs).toISOString();
  const lastMinute = recent.filter((block) => block.timestamp >= cutoff).reduce((sum, block) => sum + block.txCount, 0);
  return {
    height: totals.headHeight,
    transactions: totals.transactions,
    totalSupplyMinor: totals.supplyMinor,
    accounts: totals.accounts,
    paymentsPerSecondLastMinute: lastMinute / 60,
  };
}
