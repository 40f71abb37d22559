// What the explorer shows beyond the protocol's read API: the chain's figures, chart series, and search.
import "server-only";
import { heightPattern } from "../../ledger/limits";
import { LedgerError } from "../../ledger/errors";
import type { LedgerNode } from "../node/context";

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
export function readRecentBlocks(node: LedgerNode, nowMs = Date.now()) {
  return node.prisma.block.findMany({
    where: { height: { gt: 0 }, timestamp: { gte: new Date(nowMs - 60 * minuteMs).toISOString() } },
    orderBy: { height: "desc" },
    take: recentBlocksMax,
    select: { height: true, txCount: true, timestamp: true },
  });
}

type RecentBlocks = Awaited<ReturnType<typeof readRecentBlocks>>;

export async function readChainFigures(
  node: LedgerNode,
  recent: RecentBlocks,
  nowMs = Date.now(),
): Promise<ChainFigures> {
  const [totals, supply] = await Promise.all([
    node.prisma.block.aggregate({ _sum: { txCount: true }, _max: { height: true } }),
    node.prisma.account.aggregate({ _sum: { balanceMinor: true }, _count: true }),
  ]);
  const cutoff = new Date(nowMs - minuteMs).toISOString();
  const lastMinute = recent.filter((block) => block.timestamp >= cutoff).reduce((sum, block) => sum + block.txCount, 0);
  return {
    height: totals._max.height ?? 0,
    transactions: totals._sum.txCount ?? 0,
    totalSupplyMinor: supply._sum.balanceMinor ?? 0n,
    accounts: supply._count,
    paymentsPerSecondLastMinute: lastMinute / 60,
  };
}

/** Transactions per block (the newest 60 blocks) and per minute (the last hour), oldest first. */
export async function readChartSeries(
  node: LedgerNode,
  recent: RecentBlocks,
  nowMs = Date.now(),
): Promise<ChartSeries> {
  const newest =
    recent.length >= 60
      ? recent
      : await node.prisma.block.findMany({
          where: { height: { gt: 0 } },
          orderBy: { height: "desc" },
          take: 60,
          select: { height: true, txCount: true, timestamp: true },
        });
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
    const block = await node.prisma.block.findUnique({ where: { height: Number(text) }, select: { height: true } });
    if (block !== null) return { kind: "block", height: block.height };
  }
  if (!hexPrefixPattern.test(text)) return { kind: "none" };
  // A hex prefix p covers the keys from p up to (not including) p followed by "g", the character after "f".
  const range = { gte: text, lt: `${text}g` };
  const [blocks, transactions, accounts, payers, payees] = await Promise.all([
    node.prisma.block.findMany({ where: { hash: range }, take: matchesMax, select: { height: true, hash: true } }),
    node.prisma.transaction.findMany({ where: { txId: range }, take: matchesMax, select: { txId: true } }),
    node.prisma.account.findMany({ where: { publicKey: range }, take: matchesMax, select: { publicKey: true } }),
    node.prisma.transaction.findMany({
      where: { fromKey: range },
      take: matchesMax,
      distinct: ["fromKey"],
      select: { fromKey: true },
    }),
    node.prisma.transaction.findMany({
      where: { toKey: range },
      take: matchesMax,
      distinct: ["toKey"],
      select: { toKey: true },
    }),
  ]);
  const accountKeys = [
    ...new Set([
      ...accounts.map((row) => row.publicKey),
      ...payers.map((row) => row.fromKey),
      ...payees.map((row) => row.toKey),
    ]),
  ];
  const matches = [
    ...blocks.map((block) => ({
      kind: "block" as const,
      id: String(block.height),
      label: `Block ${block.height} · ${block.hash}`,
    })),
    ...transactions.map((tx) => ({ kind: "transaction" as const, id: tx.txId, label: `Transaction ${tx.txId}` })),
    ...accountKeys.map((key) => ({ kind: "account" as const, id: key, label: `Account ${key}` })),
  ];
  if (matches.length === 0) return { kind: "none" };
  if (matches.length > 1) return { kind: "many", matches: matches.slice(0, matchesMax) };
  const [only] = matches;
  if (only!.kind === "block") return { kind: "block", height: Number(only!.id) };
  if (only!.kind === "transaction") return { kind: "transaction", txId: only!.id };
  return { kind: "account", publicKey: only!.id };
}
