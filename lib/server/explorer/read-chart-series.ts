// The explorer's front page charts: transactions per block and per minute.
import "server-only";
import type { LedgerNode } from "../node/context";
import { minuteMs, type RecentBlocks } from "./read-recent-blocks";

export type ChartSeries = {
  perBlock: { height: number; txCount: number }[];
  perMinute: { minuteStart: string; txCount: number }[];
};

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
