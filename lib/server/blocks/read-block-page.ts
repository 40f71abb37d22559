// The explorer's block page: a block and one page of its transactions, however many the block holds.
import "server-only";
import type { LedgerNode } from "../node/context";
import { blockKey, withTransactions, type BlockWithTransactions } from "./read-block";

/** A block and the transactions at leaf indexes [offset, offset + limit). */
export async function getBlockPageOrThrow(
  node: LedgerNode,
  heightOrHash: string,
  offset: number,
  limit: number,
): Promise<BlockWithTransactions> {
  return withTransactions(await node.store.queries.blockPageRows(blockKey(heightOrHash), offset, limit));
}
