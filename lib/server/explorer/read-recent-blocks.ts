// The explorer's front page: the newest blocks' activity, which both its figures and its charts are drawn from.
import "server-only";
import type { LedgerNode } from "../node/context";
import type { BlockActivity } from "../../db/prisma-reads";

// Figures and charts read at most this many of the newest blocks: bounded work however long the chain is.
const recentBlocksMax = 5000;
export const minuteMs = 60_000;

export type RecentBlocks = BlockActivity[];

/** The blocks of the last hour, newest first (bounded): what both the figures and the charts are drawn from. */
export function readRecentBlocks(node: LedgerNode, nowMs = Date.now()): Promise<RecentBlocks> {
  return node.store.queries.blocksSince(new Date(nowMs - 60 * minuteMs).toISOString(), recentBlocksMax);
}
