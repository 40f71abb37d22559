// What the explorer shows beyond the protocol's read API: the chain's figures, chart series, and search.
import "server-only";
import { heightPattern } from "../../ledger/limits";
import { LedgerError } from "../../ledger/errors";
import type { LedgerNode } from "../node/context";
import type { BlockActivity } from "../../db/prisma-reads";

// Figures and charts read at most this many of the newest blocks: bounded work however long the chain is.
const recentBlocksMax = 5000;
const minuteMs = 60_000;

export type ChainFigures = {
  height: number;
  transactions: number;
  totalSupplyMinor: bigint;
  accounts: number;
  paymentsPerSecondLastMinute: number;
};

export type ChartSeries = {
  perBlock: { height: number; txCount: number }[];
  perMinute: { minuteStart: string; txCount: number }[];
};

/** The blocks of the last hour, newest first (bounded): what both the figures and the charts are drawn from. */
export function readRecentBlocks(node: LedgerNode, nowMs = Date.now()): Promise<BlockActivity[]> {
  return node.store.queries.blocksSince(new Date(nowMs - 60 * minuteMs).toISOString(), recentBlocksMax);
}

type RecentBlocks = BlockActivity[];

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

/** Transactions per block (the newest 60 blocks) and per minute (the last hour), oldest first. */
export async function readChartSeries(
  node: LedgerNode,
  recent: RecentBlocks,
  nowMs = Date.now(),
): Promise<ChartSeries> {
  const newest = recent.length >= 60 ? recent : await node.store.queries.blocksSince(undefined, 60);
  const perBlock = newest
    .slice(0, 60)
    .reverse()
    .map(({ height, txCount }) => ({ height, txCount }));
  const hourStart = Math.floor(nowMs / minuteMs) * minuteMs - 59 * minuteMs;
  const buckets = Array.from({ length: 60 }, (_, index) => ({
    minuteStart: new Date(hourStart + index * minuteMs).toISOString(),
    txCount: 0,
  }));
  for (const block of recent) {
    const index = Math.floor((Date.parse(block.timestamp) - hourStart) / minuteMs);
    if (index >= 0 && index < buckets.length) buckets[index]!.txCount += block.txCount;
  }
  return { perBlock, perMinute: buckets };
}

export type SearchResult =
  | { kind: "block"; height: number }
  | { kind: "transaction"; txId: string }
  | { kind: "account"; publicKey: string }
  | { kind: "many"; matches: { kind: "block" | "transaction" | "account"; id: string; label: string }[] }
  | { kind: "none" };

const hexPrefixPattern = /^[0-9a-f]{4,64}$/;
export const searchPrefixMin = 4;
const matchesMax = 20;

/** A height, or a block hash, txId or account key given whole or by a unique prefix of at least 4 characters. */
export async function searchLedger(node: LedgerNode, query: string): Promise<SearchResult> {
  const text = query.trim().toLowerCase();
  if (text.length > 64) throw new LedgerError("invalid_request", "A search is at most 64 characters.", "q");
  // Digits that name an existing height mean that block; otherwise they may still be a hex prefix.
  if (heightPattern.test(text)) {
    const block = await node.store.blockAt(Number(text));
    if (block !== null) return { kind: "block", height: block.header.height };
  }
  if (!hexPrefixPattern.test(text)) return { kind: "none" };
  const { blocks, txIds, accounts } = await node.store.queries.keysWithPrefix(text, matchesMax);
  const matches = [
    ...blocks.map((block) => ({
      kind: "block" as const,
      id: String(block.height),
      label: `Block ${block.height} · ${block.hash}`,
    })),
    ...txIds.map((txId) => ({ kind: "transaction" as const, id: txId, label: `Transaction ${txId}` })),
    ...accounts.map((key) => ({ kind: "account" as const, id: key, label: `Account ${key}` })),
  ];
  if (matches.length === 0) return { kind: "none" };
  if (matches.length > 1) return { kind: "many", matches: matches.slice(0, matchesMax) };
  const [only] = matches;
  if (only!.kind === "block") return { kind: "block", height: Number(only!.id) };
  if (only!.kind === "transaction") return { kind: "transaction", txId: only!.id };
  return { kind: "account", publicKey: only!.id };
}
